import { describe, expect, it } from 'vitest';
import { federationVersionProblem } from './composition.mjs';
import { shortDiff } from './text-diff.mjs';
import { parseSupergraphConfig } from './workspace.mjs';

describe('parseSupergraphConfig', () => {
  it('reads name, routing URL, port and schema file of each subgraph', () => {
    const config = parseSupergraphConfig(`federation_version: =2.14.4
subgraphs:
  identity:
    routing_url: http://localhost:4001/graphql
    schema:
      file: ./subgraphs/identity/schema.graphql
`);
    expect(config).toEqual({
      federationVersion: '=2.14.4',
      subgraphs: [{ name: 'identity', routingUrl: 'http://localhost:4001/graphql', port: 4001, schemaFile: './subgraphs/identity/schema.graphql' }],
    });
  });

  it('reports every problem at once', () => {
    const parse = () =>
      parseSupergraphConfig(`subgraphs:
  Bad-Name:
    routing_url: http://localhost/graphql
`);
    expect(parse).toThrow(/federation_version is missing/);
    expect(parse).toThrow(/Bad-Name: name must match/);
    expect(parse).toThrow(/routing_url must be an http URL with an explicit port/);
    expect(parse).toThrow(/schema.file is missing/);
  });
});

describe('federationVersionProblem', () => {
  it('accepts the installed version or an unpinned federation 2', () => {
    expect(federationVersionProblem('=2.14.4', '2.14.4')).toBeNull();
    expect(federationVersionProblem('2', '2.14.4')).toBeNull();
  });

  it('refuses a pin to another version, and federation 1', () => {
    expect(federationVersionProblem('=2.9.0', '2.14.4')).toContain('@apollo/composition 2.14.4');
    expect(federationVersionProblem('1', '2.14.4')).toContain('not a federation 2 version');
  });
});

describe('shortDiff', () => {
  it('is null for equal texts and a unified diff otherwise', () => {
    expect(shortDiff('a', 'x\n', 'b', 'x\n')).toBeNull();
    expect(shortDiff('a', 'x\ny\n', 'b', 'x\nz\n')).toBe('--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n+z');
  });

  it('cuts a long diff and says how much it left out', () => {
    const many = (prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix}${i}`).join('\n');
    const diff = shortDiff('a', many('old'), 'b', many('new'), 10) ?? '';
    expect(diff.split('\n')).toHaveLength(11);
    expect(diff).toMatch(/… \d+ more diff lines$/);
  });
});
