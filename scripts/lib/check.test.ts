import { describe, expect, it } from 'vitest';
import { checkExitCode, checkSupergraph } from './check.mjs';
import { composeSupergraph } from './composition.mjs';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\n\n';
const identityV1 = `${link}type Query {\n  me: User\n  user(id: ID!): User\n}\n\ntype User @key(fields: "id") {\n  id: ID!\n  displayName: String!\n}\n`;
const identityV2Removed = `${link}type Query {\n  me: User\n}\n\ntype User @key(fields: "id") {\n  id: ID!\n  displayName: String!\n}\n`;
const identityV2Added = `${link}type Query {\n  me: User\n  user(id: ID!): User\n}\n\ntype User @key(fields: "id") {\n  id: ID!\n  displayName: String!\n  createdAt: String\n}\n`;

const subgraph = (sdl: string, committedSdl: string | null = sdl) => ({
  name: 'identity',
  routingUrl: 'http://localhost:4001/graphql',
  schemaFile: './subgraphs/identity/schema.graphql',
  committedSdl,
  emittedSdl: sdl,
});

/** The supergraph `pnpm supergraph:compose` would write for identity alone. */
function identityOnly(sdl: string): string {
  const result = composeSupergraph([{ name: 'identity', url: 'http://localhost:4001/graphql', sdl }]);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.supergraphSdl;
}

describe('checkSupergraph', () => {
  it('passes when committed SDL, emitted SDL and supergraph agree', () => {
    const supergraph = identityOnly(identityV1);
    const result = checkSupergraph({
      federationVersion: '=2.14.4',
      subgraphs: [subgraph(identityV1)],
      committedSupergraph: supergraph,
      base: { ref: 'main', supergraph },
    });
    expect(result.problems).toEqual([]);
    expect(result.api).toMatchObject({ compared: true, breaking: [] });
    expect(checkExitCode(result, { failOnBreaking: true })).toBe(0);
  });

  it('reports drift between the committed SDL and what the code emits, with a diff', () => {
    const result = checkSupergraph({
      subgraphs: [subgraph(identityV2Added, identityV1)],
      committedSupergraph: identityOnly(identityV1),
      base: { ref: 'main', supergraph: null },
    });
    const drift = result.problems.find((p) => p.title.startsWith('identity:'));
    expect(drift?.title).toContain('differs from what the code emits');
    expect(drift?.detail).toContain('+  createdAt: String');
    expect(checkExitCode(result)).toBe(1);
  });

  it('reports a missing committed SDL', () => {
    const result = checkSupergraph({
      subgraphs: [subgraph(identityV1, null)],
      committedSupergraph: identityOnly(identityV1),
      base: { ref: 'main', supergraph: null },
    });
    expect(result.problems.map((p) => p.title)).toEqual([expect.stringContaining('schema.graphql is missing')]);
  });

  it('reports composition errors', () => {
    const conflicting = `${link}type Query {\n  other: Int\n}\n\ntype User @key(fields: "id") {\n  id: ID!\n  displayName: Int\n}\n`;
    const result = checkSupergraph({
      subgraphs: [subgraph(identityV1), { ...subgraph(conflicting), name: 'buildings', routingUrl: 'http://localhost:4002/graphql' }],
      committedSupergraph: null,
      base: { ref: 'main', supergraph: null },
    });
    const failure = result.problems.find((p) => p.title === 'composition failed');
    expect(failure?.detail).toContain('FIELD_TYPE_MISMATCH');
    expect(failure?.detail).toContain('User.displayName');
    expect(result.supergraphSdl).toBeNull();
  });

  it('reports a subgraph SDL that does not parse as a composition error', () => {
    const result = checkSupergraph({
      subgraphs: [subgraph('type Query {')],
      committedSupergraph: null,
      base: { ref: 'main', supergraph: null },
    });
    expect(result.problems[0]?.detail).toMatch(/\[identity\] schema does not parse/);
  });

  it('reports a committed supergraph that differs from the recomposed one', () => {
    const result = checkSupergraph({
      subgraphs: [subgraph(identityV2Added)],
      committedSupergraph: identityOnly(identityV1),
      base: { ref: 'main', supergraph: null },
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.title).toContain('differs from the recomposed supergraph');
    expect(result.problems[0]?.detail).toContain('createdAt');
  });

  it('reports a removed field as a breaking change, fatal only with --fail-on-breaking', () => {
    const current = identityOnly(identityV2Removed);
    const result = checkSupergraph({
      subgraphs: [subgraph(identityV2Removed)],
      committedSupergraph: current,
      base: { ref: 'origin/main', supergraph: identityOnly(identityV1) },
    });
    expect(result.problems).toEqual([]);
    expect(result.api.breaking).toEqual(['[FIELD_REMOVED] Query.user was removed.']);
    expect(checkExitCode(result)).toBe(0);
    expect(checkExitCode(result, { failOnBreaking: true })).toBe(1);
  });

  it('does not report an added field as breaking', () => {
    const current = identityOnly(identityV2Added);
    const result = checkSupergraph({
      subgraphs: [subgraph(identityV2Added)],
      committedSupergraph: current,
      base: { ref: 'main', supergraph: identityOnly(identityV1) },
    });
    expect(result.api).toMatchObject({ compared: true, breaking: [], dangerous: [] });
    expect(checkExitCode(result, { failOnBreaking: true })).toBe(0);
  });

  it('says so when the base has no supergraph yet', () => {
    const result = checkSupergraph({
      subgraphs: [subgraph(identityV1)],
      committedSupergraph: identityOnly(identityV1),
      base: { ref: 'main', supergraph: null, reason: 'base main has no schema/supergraph.graphql yet' },
    });
    expect(result.api).toMatchObject({ compared: false, note: 'base main has no schema/supergraph.graphql yet' });
  });

  it('fails when supergraph.yaml pins another composition version', () => {
    const result = checkSupergraph({
      federationVersion: '=2.9.0',
      subgraphs: [subgraph(identityV1)],
      committedSupergraph: identityOnly(identityV1),
      base: { ref: 'main', supergraph: null },
    });
    expect(result.problems.map((p) => p.title)).toEqual([expect.stringContaining('=2.9.0')]);
  });
});
