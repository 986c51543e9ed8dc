import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp } from '../support/auth-flows.js';
import { postGraphQL, readCounter } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let router: RunningRouter;

beforeAll(async () => {
  identity = await startIdentity();
  // One proxy in front, so the test can speak from several addresses through X-Forwarded-For.
  router = await startRouter(identity, { TRUST_PROXY_HOPS: '1', RATE_LIMIT_PER_IP: '5000' });
});

afterAll(async () => {
  await router?.close();
  await identity?.close();
});

const signIn = (email: string, password: string, ip: string) =>
  postGraphQL(router.graphqlUrl, 'mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }', {
    variables: { input: { email, password } },
    headers: { 'x-forwarded-for': ip },
  });

describe('rate limits through the router', () => {
  it('limits 1,000 rapid sign-in attempts from one address, and not an honest client elsewhere', async () => {
    const honest = newCredentials('Honest');
    await signUp(router.graphqlUrl, honest);
    const identityBefore = await readCounter(`${identity.url}/metrics`, 'lobby_subgraph_requests_total');

    const codes: unknown[] = [];
    for (let batch = 0; batch < 20; batch += 1) {
      const results = await Promise.all(Array.from({ length: 50 }, () => signIn('victim@example.com', 'guessing the password', '203.0.113.66')));
      codes.push(...results.map((result) => result.body.errors?.[0]?.extensions?.code));
    }
    const limited = codes.filter((code) => code === 'RATE_LIMITED').length;
    expect(codes).toHaveLength(1000);
    expect(limited).toBeGreaterThanOrEqual(1000 - 30);
    // Only what the bucket admitted reached identity; the rest cost the router a Redis round trip.
    expect((await readCounter(`${identity.url}/metrics`, 'lobby_subgraph_requests_total')) - identityBefore).toBeLessThanOrEqual(30);

    const fine = await signIn(honest.email, honest.password, '198.51.100.20');
    expect(fine.body.errors).toBeUndefined();
    expect(fine.body.data).toMatchObject({ signIn: { accessToken: expect.any(String) } });
  });

  it('answers 429 with a Retry-After header', async () => {
    let last;
    for (let i = 0; i < 31; i += 1) last = await signIn('nobody@example.com', 'not a real password', '203.0.113.77');
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  });
});
