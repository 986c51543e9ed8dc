import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type Session } from '../support/auth-flows.js';
import { postGraphQL, readCounter } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';
import { startStubSubgraph } from '../support/stub-subgraph.js';

const sdl = (field: string) => `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ${field}: String }
`;
const TIMEOUT_MS = 800;

let workDir: string;
let identity: RunningIdentity;
let catalog: Awaited<ReturnType<typeof startStubSubgraph>>;
let slow: Awaited<ReturnType<typeof startStubSubgraph>>;
let router: RunningRouter;
let session: Session;

beforeAll(async () => {
  const identitySdl = await readFile(new URL('../../subgraphs/identity/schema.graphql', import.meta.url), 'utf8');
  const { supergraphSdl, errors } = composeServices([
    { name: 'identity', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(identitySdl) },
    { name: 'catalog', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(sdl('catalogVersion')) },
    { name: 'slow', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(sdl('slowAnswer')) },
  ]);
  if (errors) throw new Error(errors.map((error) => error.message).join('\n'));
  workDir = await mkdtemp(join(tmpdir(), 'lobby-resilience-'));
  const supergraphPath = join(workDir, 'supergraph.graphql');
  await writeFile(supergraphPath, supergraphSdl!);
  identity = await startIdentity();
  catalog = await startStubSubgraph({ data: { catalogVersion: 'v1' } });
  slow = await startStubSubgraph({ data: { slowAnswer: 'late' } }, { delayMs: TIMEOUT_MS * 3 });
  router = await startRouter(identity, {
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_URL_CATALOG: catalog.graphqlUrl,
    SUBGRAPH_URL_SLOW: slow.graphqlUrl,
    SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
    CIRCUIT_FAILURE_THRESHOLD: '3',
    CIRCUIT_OPEN_MS: '300',
  });
  session = await signUp(router.graphqlUrl);
});

afterAll(async () => {
  await router?.close();
  await catalog?.close();
  await slow?.close();
  await identity?.close();
  await rm(workDir, { recursive: true, force: true });
});

const query = (fields: string) => postGraphQL(router.graphqlUrl, `{ me { id } ${fields} }`, { token: session.accessToken });

describe('a subgraph that is down or slow costs only its own fields', () => {
  it('returns full results while everything is up', async () => {
    expect((await query('catalogVersion')).body).toEqual({ data: { me: { id: session.user.id }, catalogVersion: 'v1' } });
  });

  it('answers the other subgraph’s data plus an error on the missing field when one is stopped, then recovers on its own', async () => {
    await catalog.stop();
    const started = Date.now();
    const partial = await query('catalogVersion');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    expect(partial.body.data).toEqual({ me: { id: session.user.id }, catalogVersion: null });
    expect(partial.body.errors).toEqual([expect.objectContaining({ path: ['catalogVersion'], extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) })]);

    // Enough failures open the circuit: fetches then fail fast without touching the network.
    for (let i = 0; i < 3; i += 1) await query('catalogVersion');
    const before = await readCounter(`${router.url}/metrics`, 'lobby_router_subgraph_requests_total', { subgraph: 'catalog', outcome: 'circuit-open' });
    await query('catalogVersion');
    expect(await readCounter(`${router.url}/metrics`, 'lobby_router_subgraph_requests_total', { subgraph: 'catalog', outcome: 'circuit-open' })).toBe(before + 1);

    await catalog.restart();
    let recovered: unknown;
    for (let attempt = 0; attempt < 30 && !recovered; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const result = await query('catalogVersion');
      if (!result.body.errors) recovered = result.body.data;
    }
    expect(recovered).toEqual({ me: { id: session.user.id }, catalogVersion: 'v1' });
  });

  it('gives up on a slow subgraph at the timeout and still returns the rest', async () => {
    const started = Date.now();
    const partial = await query('slowAnswer');
    const elapsed = Date.now() - started;
    // undici keeps header and body timeouts on coarse timers (about half a second of resolution):
    // the router gives up near the timeout, never long after it.
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS / 2);
    expect(elapsed).toBeLessThan(TIMEOUT_MS * 2);
    expect(partial.body.data).toEqual({ me: { id: session.user.id }, slowAnswer: null });
    expect(partial.body.errors?.[0]?.message).toMatch(/timed out after 800 ms/);
  });
});
