import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costModel } from './list-cost.js';

const schema = buildSchema(`
  type Query { items(first: Int): [Item!]!  item(id: ID!): Item  listings(first: Int): ListingConnection! }
  type Item { id: ID!  name: String  children(first: Int): [Item!]!  tags: [String!]! }
  type ListingConnection { edges: [ListingEdge!]!  pageInfo: PageInfo! }
  type ListingEdge { cursor: String!  node: Item! }
  type PageInfo { hasNextPage: Boolean! }
`);
const cost = (query: string, variables?: Record<string, unknown>) => costModel(schema, parse(query), 10)(variables);

describe('operationCost', () => {
  it('counts one per field outside lists', () => {
    expect(cost('{ item(id: 1) { id name } }')).toBe(3);
  });

  it('multiplies a subtree by its first argument, literal or variable', () => {
    expect(cost('{ items(first: 5) { id name } }')).toBe(1 + 5 * 2);
    expect(cost('query($n: Int) { items(first: $n) { id } }', { n: 50 })).toBe(1 + 50);
  });

  it('assumes a size for lists without one', () => {
    expect(cost('{ item(id: 1) { tags } }')).toBe(2);
    expect(cost('{ item(id: 1) { children { id } } }')).toBe(1 + 1 + 10);
  });

  it('counts a connection edges list once, under the size the connection was given', () => {
    expect(cost('{ listings(first: 50) { edges { cursor node { id } } pageInfo { hasNextPage } } }')).toBe(1 + 50 * (1 + 1 + 1 + 1) + 50 * 2);
  });

  it('prices 10,000 inside 10,000 at over a hundred million', () => {
    expect(cost('{ items(first: 10000) { children(first: 10000) { id } } }')).toBeGreaterThan(1e8);
  });

  it('follows fragments, once each, and survives a fragment cycle', () => {
    const query = 'query { items(first: 10) { ...F } } fragment F on Item { id children(first: 10) { ...G } } fragment G on Item { id ...F }';
    expect(cost(query)).toBeGreaterThan(100);
    expect(Number.isFinite(cost(query))).toBe(true);
  });
});
