import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { errorCodes, postGraphQL, type GraphQLResult } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startPrivatePostgres } from '../support/private-postgres.js';
import { startPrivateRedis } from '../support/private-redis.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let postgres: Awaited<ReturnType<typeof startPrivatePostgres>>;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let identity: RunningIdentity;
let router: RunningRouter;
let session: Session;
const credentials = newCredentials('Outage');

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  redis = await startPrivateRedis();
  // identity's own sign-in limits would rightly refuse the sign-in load below; this test is about outages.
  identity = await startIdentity({ DATABASE_URL: `${postgres.url}/lobby_identity`, REDIS_URL: redis.url, SIGN_IN_LIMIT_PER_IP: '1000000' });
  // The load below is one user at one address hammering on purpose: lift the buckets that would rightly refuse it.
  const unlimited = '1000000000';
  router = await startRouter(identity, { REDIS_URL: redis.url, RATE_LIMIT_PER_IP: unlimited, RATE_LIMIT_PER_USER: unlimited, RATE_LIMIT_AUTH_PER_IP: unlimited });
  session = await signUp(router.graphqlUrl, credentials);
}, 60_000);

afterAll(async () => {
  await router?.close();
  await identity?.app.close();
  await redis?.stop();
  postgres?.destroy();
});

const me = () => postGraphQL(router.graphqlUrl, '{ me { id } }', { token: session.accessToken });
const signIn = () =>
  postGraphQL(router.graphqlUrl, 'mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }', {
    variables: { input: { email: credentials.email, password: credentials.password } },
  });

/** Sends `request` back to back for `ms`, timing each answer. */
async function underLoad(ms: number, request: () => Promise<GraphQLResult>) {
  const answers: Array<{ ok: boolean; codes: unknown[]; ms: number }> = [];
  const until = Date.now() + ms;
  const worker = async () => {
    while (Date.now() < until) {
      const started = Date.now();
      const result = await request();
      answers.push({ ok: !result.body.errors, codes: errorCodes(result), ms: Date.now() - started });
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return answers;
}

describe('PostgreSQL restarted under load', () => {
  it('fails fast with SERVICE_UNAVAILABLE while it is down, and recovers on its own', async () => {
    expect((await me()).body).toEqual({ data: { me: { id: session.user.id } } });

    postgres.stop();
    const down = await underLoad(1_500, me);
    expect(down.length).toBeGreaterThan(3);
    expect(down.every((answer) => !answer.ok && answer.codes.includes('SERVICE_UNAVAILABLE'))).toBe(true);
    expect(Math.max(...down.map((answer) => answer.ms))).toBeLessThan(2_000);
    expect((await fetch(`${identity.url}/health/ready`)).status).toBe(503);

    postgres.start();
    const after = await underLoad(3_000, me);
    expect(after.at(-1)).toMatchObject({ ok: true });
    expect((await fetch(`${identity.url}/health/ready`)).status).toBe(200);
    expect((await me()).body).toEqual({ data: { me: { id: session.user.id } } });
  });
});

describe('Redis down', () => {
  it('keeps sign-in working (rate limits fall back), and carries on when it is back', async () => {
    await redis.stop();
    const result = await signIn();
    expect(result.body.errors).toBeUndefined();
    await redis.start();
    const later = await underLoad(500, signIn);
    expect(later.at(-1)).toMatchObject({ ok: true });
  });
});
