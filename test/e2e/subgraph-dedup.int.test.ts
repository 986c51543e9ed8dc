import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signUp } from '../support/auth-flows.js';
import { startDelayingProxy } from '../support/delaying-proxy.js';
import { postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let proxy: Awaited<ReturnType<typeof startDelayingProxy>>;
let router: RunningRouter;

beforeAll(async () => {
  identity = await startIdentity();
  // Every identity fetch takes 150 ms, so concurrent requests are certainly in flight together.
  proxy = await startDelayingProxy(identity.graphqlUrl, 150);
  router = await startRouter({ graphqlUrl: proxy.url, jwksUrl: identity.jwksUrl });
});

afterAll(async () => {
  await router?.close();
  await proxy?.close();
  await identity?.close();
});

beforeEach(() => proxy.reset());

describe('in-flight deduplication of subgraph fetches', () => {
  it('serves concurrent identical queries of one caller with one subgraph request', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => postGraphQL(router.graphqlUrl, '{ me { id } }')));
    expect(results.map((result) => result.body)).toEqual(Array(20).fill({ data: { me: null } }));
    expect(proxy.requests()).toBe(1);
  });

  it('never shares between callers: each user gets their own answer', async () => {
    const [ana, ben] = await Promise.all([signUp(router.graphqlUrl), signUp(router.graphqlUrl)]);
    proxy.reset();
    const query = '{ me { id email } }';
    const results = await Promise.all([ana, ben, ana, ben].map((session) => postGraphQL(router.graphqlUrl, query, { token: session.accessToken })));
    expect(results.map((result) => (result.body.data as { me: { id: string } }).me.id)).toEqual([ana.user.id, ben.user.id, ana.user.id, ben.user.id]);
    expect(proxy.requests()).toBe(2);
  });

  it('never shares mutations', async () => {
    const mutation = 'mutation { signOut(refreshToken: "never-issued") }';
    const results = await Promise.all(Array.from({ length: 5 }, () => postGraphQL(router.graphqlUrl, mutation)));
    expect(results.map((result) => result.body)).toEqual(Array(5).fill({ data: { signOut: false } }));
    expect(proxy.requests()).toBe(5);
  });
});
