import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, readCounter } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { capturingLogger } from '../support/log-capture.js';
import { committedSupergraph, startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let router: RunningRouter;
let identityLogs: Array<Record<string, unknown>>;
let workDir: string;
let supergraphPath: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'lobby-router-'));
  supergraphPath = join(workDir, 'supergraph.graphql');
  await copyFile(committedSupergraph, supergraphPath);
  const capture = capturingLogger('identity');
  identityLogs = capture.lines;
  identity = await startIdentity({}, capture.logger);
  router = await startRouter(identity, { SUPERGRAPH_PATH: supergraphPath, NODE_ENV: 'development' });
});

afterAll(async () => {
  await router?.close();
  await identity?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('what the router serves besides GraphQL', () => {
  it('answers { __typename }', async () => {
    expect((await postGraphQL(router.graphqlUrl, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves the Sandbox landing page to a browser', async () => {
    const response = await fetch(router.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/embeddable-sandbox/);
  });

  it('reports liveness and readiness', async () => {
    expect((await fetch(`${router.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${router.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('exposes Prometheus metrics per operation type and per subgraph', async () => {
    await postGraphQL(router.graphqlUrl, '{ me { id } }');
    const response = await fetch(`${router.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^# TYPE lobby_router_operation_duration_seconds histogram$/m);
    expect(await readCounter(`${router.url}/metrics`, 'lobby_router_operations_total', { operation_type: 'query', outcome: 'ok' })).toBeGreaterThan(0);
    expect(await readCounter(`${router.url}/metrics`, 'lobby_router_operation_duration_seconds_count', { operation_type: 'query' })).toBeGreaterThan(0);
    expect(await readCounter(`${router.url}/metrics`, 'lobby_router_subgraph_requests_total', { subgraph: 'identity', outcome: 'ok' })).toBeGreaterThan(0);
  });

  it('allows Apollo Studio Sandbox by CORS in development, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(router.graphqlUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const studio = await preflight('https://studio.apollographql.com');
    expect(studio.status).toBe(204);
    expect(studio.headers.get('access-control-allow-origin')).toBe('https://studio.apollographql.com');
    expect(studio.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const stranger = await preflight('https://evil.example');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('blocks a simple (CSRF-able) GET without a preflight-forcing header', async () => {
    const response = await fetch(`${router.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
    const allowed = await fetch(`${router.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await allowed.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a body over the limit and malformed JSON with clear errors', async () => {
    const big = await fetch(router.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }${' '.repeat(1_100_000)}` }) });
    expect(big.status).toBe(413);
    const broken = await fetch(router.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('forwards the request id to the subgraph, where it appears in the logs', async () => {
    const requestId = `trace-${Date.now()}`;
    const result = await postGraphQL(router.graphqlUrl, '{ me { id } }', { headers: { 'x-request-id': requestId } });
    expect(result.headers.get('x-request-id')).toBe(requestId);
    expect(identityLogs.some((line) => line.requestId === requestId && line.msg === 'graphql request')).toBe(true);
  });

  it('replaces a malformed request id with its own', async () => {
    const result = await postGraphQL(router.graphqlUrl, '{ __typename }', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(result.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('supergraph hot reload', () => {
  const queryFields = async () => {
    const result = await postGraphQL<{ __type: { fields: Array<{ name: string }> } }>(router.graphqlUrl, '{ __type(name: "Query") { fields { name } } }');
    return result.body.data!.__type.fields.map((field) => field.name);
  };
  const waitFor = async (condition: () => Promise<boolean>, what: string) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('refuses a broken file and keeps serving, then applies a valid change without a restart', async () => {
    const metricsUrl = `${router.url}/metrics`;
    const original = await readFile(supergraphPath, 'utf8');
    expect(await queryFields()).not.toContain('ping');

    await writeFile(supergraphPath, 'type Query {');
    await waitFor(async () => (await readCounter(metricsUrl, 'lobby_router_supergraph_reloads_total', { outcome: 'refused' })) === 1, 'the refusal');
    expect((await postGraphQL(router.graphqlUrl, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });

    // The same supergraph with one more identity field: what composition writes when identity adds it.
    const changed = original.replace(/(type Query\s*\n(?:\s*@join__type\(graph: \w+\)\s*\n)*\{)/, '$1\n  ping: String @join__field(graph: IDENTITY)');
    expect(changed).not.toBe(original);
    await writeFile(supergraphPath, changed);
    await waitFor(async () => (await queryFields()).includes('ping'), 'the new field');
    expect(await readCounter(metricsUrl, 'lobby_router_supergraph_reloads_total', { outcome: 'applied' })).toBe(1);
    expect((await fetch(`${router.url}/health/ready`)).status).toBe(200);
  });
});
