import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_FIELDS, newCredentials, type Session } from '../../../test/support/auth-flows.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { startIdentity, type RunningIdentity } from '../../../test/support/identity.js';
import { signedPost } from '../../../test/support/signed-request.js';
import { identityDatabase } from '../src/database.js';

let identity: RunningIdentity;
let db: pg.Client;

beforeAll(async () => {
  identity = await startIdentity({ SIGN_IN_FAILURES_PER_ACCOUNT: '3', SIGN_IN_LIMIT_PER_IP: '8' });
  db = new pg.Client({ connectionString: identity.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await identity?.close();
});

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { ${AUTH_FIELDS} } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`;

async function signUp(credentials = newCredentials()) {
  const result = await signedPost<{ signUp: Session }>(identity.graphqlUrl, SIGN_UP, { input: credentials });
  return result.body.data!.signUp;
}

async function userCount(): Promise<number> {
  return Number((await db.query('SELECT count(*) FROM users')).rows[0].count);
}

describe('sign-up rules', () => {
  it.each([
    ['an email without a domain', { email: 'ana@' }, 'email'],
    ['a password of 9 characters', { password: '123456789' }, 'password'],
    ['a password of 129 characters', { password: 'ab3$'.repeat(33).slice(0, 129) }, 'password'],
    ['a password of one repeated character', { password: 'aaaaaaaaaaaa' }, 'password'],
    ['an empty display name', { displayName: '   ' }, 'displayName'],
    ['a display name of 51 characters', { displayName: 'x'.repeat(51) }, 'displayName'],
    ['a display name with a control character', { displayName: 'Ana\u0007' }, 'displayName'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and creates nothing', async (_name, change, field) => {
    const before = await userCount();
    const result = await signedPost(identity.graphqlUrl, SIGN_UP, { input: { ...newCredentials(), ...change } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.errors![0]!.extensions!.field).toBe(field);
    expect(await userCount()).toBe(before);
  });

  it('normalises the email, so the same mailbox cannot sign up twice', async () => {
    const credentials = newCredentials('Case');
    const created = await signUp({ ...credentials, email: `  ${credentials.email.toUpperCase()} ` });
    expect(created.user.email).toBe(credentials.email);
    const again = await signedPost(identity.graphqlUrl, SIGN_UP, { input: credentials });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
  });

  it('lets one of two simultaneous sign-ups for one email win', async () => {
    const credentials = newCredentials('Race');
    const results = await Promise.all([1, 2, 3].map(() => signedPost(identity.graphqlUrl, SIGN_UP, { input: credentials })));
    expect(results.filter((result) => result.body.data?.signUp).length).toBe(1);
    expect(results.flatMap(errorCodes)).toEqual(['CONFLICT', 'CONFLICT']);
  });

  it('stores an argon2id hash, never the password', async () => {
    const credentials = newCredentials('Hash');
    await signUp(credentials);
    const { rows } = await db.query('SELECT password_hash FROM users WHERE email = $1', [credentials.email]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0].password_hash).not.toContain(credentials.password);
  });
});

describe('sign-in', () => {
  it('answers an unknown email and a wrong password with the same error', async () => {
    const credentials = newCredentials('Same');
    await signUp(credentials);
    const wrongPassword = await signedPost(identity.graphqlUrl, SIGN_IN, { input: { email: credentials.email, password: 'not the password at all' } }, { clientIp: '198.51.100.1' });
    const unknownEmail = await signedPost(identity.graphqlUrl, SIGN_IN, { input: { email: `nobody-${randomUUID()}@example.com`, password: 'not the password at all' } }, { clientIp: '198.51.100.2' });
    expect(wrongPassword.body.errors).toEqual(unknownEmail.body.errors);
    expect(errorCodes(wrongPassword)).toEqual(['UNAUTHENTICATED']);
  });

  it('limits failed attempts per account, whichever address they come from', async () => {
    const credentials = newCredentials('Limited');
    await signUp(credentials);
    const attempt = (password: string, n: number) =>
      signedPost(identity.graphqlUrl, SIGN_IN, { input: { email: credentials.email, password } }, { clientIp: `192.0.2.${n}` });
    for (let n = 1; n <= 3; n += 1) expect(errorCodes(await attempt('wrong password guess', n))).toEqual(['UNAUTHENTICATED']);
    const limited = await attempt(credentials.password, 4);
    expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.body.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);
  });

  it('limits attempts per address, without touching other addresses', async () => {
    const credentials = newCredentials('Busy');
    await signUp(credentials);
    const from = (ip: string) => signedPost(identity.graphqlUrl, SIGN_IN, { input: { email: `guess-${randomUUID()}@example.com`, password: 'whatever it is' } }, { clientIp: ip });
    const codes = [];
    for (let n = 0; n < 10; n += 1) codes.push(...errorCodes(await from('203.0.113.99')));
    expect(codes.slice(0, 8)).toEqual(Array(8).fill('UNAUTHENTICATED'));
    expect(codes.slice(8)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    const honest = await signedPost<{ signIn: Session }>(identity.graphqlUrl, SIGN_IN, { input: { email: credentials.email, password: credentials.password } }, { clientIp: '203.0.113.100' });
    expect(honest.body.errors).toBeUndefined();
    expect(honest.body.data?.signIn.user.email).toBe(credentials.email);
  });
});

describe('refresh tokens', () => {
  it('are stored only as hashes', async () => {
    const session = await signUp();
    const { rows } = await db.query('SELECT token_hash FROM refresh_tokens');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row: { token_hash: string }) => row.token_hash)).not.toContain(session.refreshToken);
  });

  it('can be exchanged once even when the same token is presented concurrently, and that revokes the session', async () => {
    const session = await signUp();
    const results = await Promise.all([1, 2, 3].map(() => signedPost<{ refreshSession: Session }>(identity.graphqlUrl, REFRESH, { t: session.refreshToken })));
    const winners = results.filter((result) => result.body.data?.refreshSession);
    expect(winners.length).toBeLessThanOrEqual(1);
    const { rows } = await db.query('SELECT revoked_reason FROM sessions WHERE user_id = $1', [session.user.id]);
    expect(rows[0].revoked_reason).toBe('refresh token reused');
    for (const winner of winners) {
      const next = await signedPost(identity.graphqlUrl, REFRESH, { t: winner.body.data!.refreshSession.refreshToken });
      expect(errorCodes(next)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses a token that was never issued', async () => {
    expect(errorCodes(await signedPost(identity.graphqlUrl, REFRESH, { t: 'made-up-token' }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('users', () => {
  it('resolves many _entities references with one query', async () => {
    const sessions = await Promise.all([1, 2, 3].map(() => signUp()));
    const missing = randomUUID();
    const representations = [...sessions.map((s) => ({ __typename: 'User', id: s.user.id })), { __typename: 'User', id: missing }, { __typename: 'User', id: 'not-a-uuid' }];
    const result = await signedPost<{ _entities: Array<{ id: string; displayName: string } | null> }>(
      identity.graphqlUrl,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName email } } }',
      { r: representations },
      { userId: sessions[0]!.user.id },
    );
    expect(result.body.data!._entities.map((user) => user?.id ?? null)).toEqual([...sessions.map((s) => s.user.id), null, null]);
    // Only the signed-in user sees their own email, on the federated path too.
    expect(result.body.data!._entities.map((user) => (user as { email?: string } | null)?.email ?? null)).toEqual([sessions[0]!.user.email, null, null, null, null]);
  });

  it('reads a user by id or reference with the same fields as the account signUp returned (an entity)', async () => {
    const session = await signUp();
    const fields = 'id displayName email createdAt';
    const created = await signedPost<{ signUp: { user: unknown } }>(identity.graphqlUrl, `mutation($input: SignUpInput!) { signUp(input: $input) { user { ${fields} } } }`, {
      input: newCredentials(),
    });
    const user = created.body.data!.signUp.user as { id: string };
    const asThemselves = { userId: user.id };
    const byReference = await signedPost<{ _entities: unknown[] }>(identity.graphqlUrl, `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${fields} } } }`, {
      r: [{ __typename: 'User', id: user.id }],
    }, asThemselves);
    const byId = await signedPost<{ user: unknown; me: unknown }>(identity.graphqlUrl, `query($id: ID!) { user(id: $id) { ${fields} } me { ${fields} } }`, { id: user.id }, asThemselves);
    expect(byReference.body.data!._entities).toEqual([user]);
    expect(byId.body.data).toEqual({ user, me: user });
    // And to someone else, the same but the email.
    const toOthers = await signedPost<{ user: unknown }>(identity.graphqlUrl, `query($id: ID!) { user(id: $id) { ${fields} } }`, { id: user.id }, { userId: session.user.id });
    expect(toOthers.body.data!.user).toEqual({ ...user, email: null });
  });

  it('refuses a malformed id with BAD_USER_INPUT', async () => {
    expect(errorCodes(await signedPost(identity.graphqlUrl, 'query { user(id: "1 OR 1=1") { id } }'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('storage', () => {
  it('keeps signing keys encrypted at rest', async () => {
    const { rows } = await db.query('SELECT kid, encrypted_private_jwk, public_jwk FROM signing_keys');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.encrypted_private_jwk).toMatch(/^v1\./);
      expect(row.encrypted_private_jwk).not.toContain('"d"');
      expect(row.public_jwk).not.toHaveProperty('d');
    }
  });

  it('has migrations that match the entities exactly', async () => {
    const orm = await identityDatabase.open(identity.databaseUrl, 1);
    try {
      expect(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await orm.close();
    }
  });
});
