import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDelayingProxy } from '../support/delaying-proxy.js';
import { errorCodes, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let router: RunningRouter;

beforeAll(async () => {
  identity = await startIdentity();
  router = await startRouter(identity, { NODE_ENV: 'production' });
});

afterAll(async () => {
  await router?.close();
  await identity?.close();
});

describe('production mode', () => {
  it('refuses introspection', async () => {
    const result = await postGraphQL(router.graphqlUrl, '{ __schema { types { name } } }');
    expect(result.body.data).toBeUndefined();
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('does not suggest field names', async () => {
    const result = await postGraphQL(router.graphqlUrl, '{ mee { id } }');
    expect(result.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('serves no landing page', async () => {
    const response = await fetch(router.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/<html/i);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(router.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });
});

describe('graceful shutdown', () => {
  it('turns not-ready first, finishes the request in flight, then stops accepting', async () => {
    const proxy = await startDelayingProxy(identity.graphqlUrl, 600);
    const draining = await startRouter({ graphqlUrl: proxy.url, jwksUrl: identity.jwksUrl }, { SHUTDOWN_GRACE_SECONDS: '0.3' });
    try {
      const inFlight = postGraphQL(draining.graphqlUrl, '{ me { id } }');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closing = draining.close();
      const readiness = await fetch(`${draining.url}/health/ready`);
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toEqual({ status: 'draining' });
      expect((await inFlight).body).toEqual({ data: { me: null } });
      await closing;
      await expect(fetch(`${draining.url}/health/live`)).rejects.toThrow();
    } finally {
      await proxy.close();
    }
  });
});
