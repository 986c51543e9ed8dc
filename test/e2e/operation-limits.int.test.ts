import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { postGraphQL, readCounter } from '../support/graphql.js';
import { startRouter, type RunningRouter } from '../support/router.js';
import { startStubSubgraph } from '../support/stub-subgraph.js';

// A subgraph with recursive, paginated lists: what the limits exist for.
const catalogSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { items(first: Int): [Item!]!  a: Int  b: Int }
  type Item @key(fields: "id") { id: ID!  children(first: Int): [Item!]! }
`;

let workDir: string;
let catalog: Awaited<ReturnType<typeof startStubSubgraph>>;
let router: RunningRouter;

beforeAll(async () => {
  const identitySdl = await readFile(new URL('../../subgraphs/identity/schema.graphql', import.meta.url), 'utf8');
  const { supergraphSdl, errors } = composeServices([
    { name: 'identity', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(identitySdl) },
    { name: 'catalog', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(catalogSdl) },
  ]);
  if (errors) throw new Error(errors.map((error) => error.message).join('\n'));
  workDir = await mkdtemp(join(tmpdir(), 'lobby-limits-'));
  const supergraphPath = join(workDir, 'supergraph.graphql');
  await writeFile(supergraphPath, supergraphSdl!);
  catalog = await startStubSubgraph({ data: { items: [] } });
  // identity is never reached here: every refused operation must be refused before planning.
  router = await startRouter(
    { graphqlUrl: 'http://127.0.0.1:9/graphql', jwksUrl: 'http://127.0.0.1:9/jwks' },
    { SUPERGRAPH_PATH: supergraphPath, SUBGRAPH_URL_CATALOG: catalog.graphqlUrl, NODE_ENV: 'production' },
  );
});

afterAll(async () => {
  await router?.close();
  await catalog?.close();
  await rm(workDir, { recursive: true, force: true });
});

const nested = (levels: number) => `{ items(first: 1) { id ${'children(first: 1) { id '.repeat(levels)}${'} '.repeat(levels)}} }`;
const subgraphRequests = () => readCounter(`${router.url}/metrics`, 'lobby_router_subgraph_requests_total');

const refusals: Array<[string, string, string]> = [
  ['a query 50 levels deep', nested(50), 'DEPTH_LIMIT_EXCEEDED'],
  ['200 aliases', `{ ${Array.from({ length: 200 }, (_, i) => `x${i}: a`).join(' ')} }`, 'ALIAS_LIMIT_EXCEEDED'],
  ['a list of 10,000 inside a list of 10,000', '{ items(first: 10000) { children(first: 10000) { id } } }', 'COST_LIMIT_EXCEEDED'],
  ['25 root fields', `{ ${Array.from({ length: 25 }, () => 'a').join(' ')} }`, 'ROOT_FIELD_LIMIT_EXCEEDED'],
  ['5,000 tokens', `{ a ${'@skip(if: false) '.repeat(1000)} }`, 'TOKEN_LIMIT_EXCEEDED'],
];

describe('operation limits over HTTP', () => {
  it.each(refusals)('refuses %s with its own code, calling no subgraph', async (_name, query, code) => {
    const before = await subgraphRequests();
    const result = await postGraphQL(router.graphqlUrl, query);
    expect(result.status).toBe(400);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(catalog.received).toEqual([]);
    expect(await subgraphRequests()).toBe(before);
  });

  it('prices a page size given as a variable', async () => {
    const query = 'query($n: Int) { items(first: $n) { children(first: $n) { id } } }';
    const refused = await postGraphQL(router.graphqlUrl, query, { variables: { n: 10_000 } });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
    expect(catalog.received).toEqual([]);
    const accepted = await postGraphQL(router.graphqlUrl, query, { variables: { n: 10 } });
    expect(accepted.body).toEqual({ data: { items: [] } });
    expect(catalog.received).toHaveLength(1);
  });
});

describe('operation limits over WebSocket', () => {
  it.each(refusals)('refuses %s with its own code, calling no subgraph', async (_name, query, code) => {
    const [before, stubBefore] = [await subgraphRequests(), catalog.received.length];
    const client = createClient({ url: router.graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      await expect(client.iterate({ query }).next()).rejects.toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code }) })]);
    } finally {
      await client.dispose();
    }
    expect(catalog.received).toHaveLength(stubBefore);
    expect(await subgraphRequests()).toBe(before);
  });
});
