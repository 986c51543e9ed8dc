import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { validateSupergraph } from './supergraph-file.js';

const subgraph = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { hello: String }`;

describe('validateSupergraph', () => {
  it('accepts a composed supergraph', () => {
    const { supergraphSdl, errors } = composeServices([{ name: 'a', url: 'http://a/graphql', typeDefs: parse(subgraph) }]);
    expect(errors).toBeUndefined();
    expect(() => validateSupergraph(supergraphSdl!)).not.toThrow();
  });

  it('refuses text that does not parse, and a plain schema that is not a supergraph', () => {
    expect(() => validateSupergraph('type Query {')).toThrow();
    expect(() => validateSupergraph('type Query { hello: String }')).toThrow();
  });
});
