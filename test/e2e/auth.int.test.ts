import { randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCallerContext } from '@lobby/platform';
import { AUTH_FIELDS, newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { errorCodes, postGraphQL, readCounter } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let router: RunningRouter;

beforeAll(async () => {
  identity = await startIdentity();
  router = await startRouter(identity);
});

afterAll(async () => {
  await router?.close();
  await identity?.close();
});

const ME = '{ me { id displayName email } }';

function refresh(refreshToken: string) {
  return postGraphQL<{ refreshSession: Session }>(router.graphqlUrl, `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`, {
    variables: { t: refreshToken },
  });
}

describe('signing up, in and out through the router', () => {
  it('signs up, signs in and reads me with the access token', async () => {
    const credentials = newCredentials('Ana');
    const created = await signUp(router.graphqlUrl, credentials);
    expect(created.user).toMatchObject({ displayName: 'Ana', email: credentials.email });

    const signedIn = await postGraphQL<{ signIn: Session }>(router.graphqlUrl, `mutation($input: SignInInput!) { signIn(input: $input) { ${AUTH_FIELDS} } }`, {
      variables: { input: { email: credentials.email.toUpperCase(), password: credentials.password } },
    });
    const session = signedIn.body.data!.signIn;
    expect(session.user.id).toBe(created.user.id);
    expect(new Date(session.expiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);

    const me = await postGraphQL(router.graphqlUrl, ME, { token: session.accessToken });
    expect(me.body).toEqual({ data: { me: { id: created.user.id, displayName: 'Ana', email: credentials.email } } });
  });

  it('answers me with null for an anonymous request', async () => {
    const me = await postGraphQL(router.graphqlUrl, ME);
    expect(me.body).toEqual({ data: { me: null } });
  });

  it('shows a user their own email and nobody else', async () => {
    const ana = await signUp(router.graphqlUrl, newCredentials('Ana'));
    const ben = await signUp(router.graphqlUrl, newCredentials('Ben'));
    const query = 'query($id: ID!) { user(id: $id) { id displayName email } }';
    const byBen = await postGraphQL(router.graphqlUrl, query, { variables: { id: ana.user.id }, token: ben.accessToken });
    expect(byBen.body.data).toEqual({ user: { id: ana.user.id, displayName: 'Ana', email: null } });
    const byAna = await postGraphQL(router.graphqlUrl, query, { variables: { id: ana.user.id }, token: ana.accessToken });
    expect(byAna.body.data).toEqual({ user: { id: ana.user.id, displayName: 'Ana', email: ana.user.email } });
  });

  it('rotates the refresh token, and reuse of a rotated one revokes the whole session', async () => {
    const first = await signUp(router.graphqlUrl);
    const second = (await refresh(first.refreshToken)).body.data!.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.id).toBe(first.user.id);
    const third = (await refresh(second.refreshToken)).body.data!.refreshSession;

    const reuse = await refresh(first.refreshToken);
    expect(errorCodes(reuse)).toEqual(['UNAUTHENTICATED']);
    expect(reuse.body.data ?? null).toBeNull();
    // The newest token descended from the same sign-in is dead too: the thief and the victim both sign in again.
    expect(errorCodes(await refresh(third.refreshToken))).toEqual(['UNAUTHENTICATED']);
  });

  it('signs out: the session refresh token stops working', async () => {
    const session = await signUp(router.graphqlUrl);
    const out = await postGraphQL(router.graphqlUrl, 'mutation($t: String!) { signOut(refreshToken: $t) }', { variables: { t: session.refreshToken } });
    expect(out.body.data).toEqual({ signOut: true });
    expect(errorCodes(await refresh(session.refreshToken))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('bad access tokens', () => {
  let victim: Session;
  const claims = () => ({ sub: victim.user.id, sid: randomUUID() });

  beforeAll(async () => {
    victim = await signUp(router.graphqlUrl);
  });

  async function sign(header: Record<string, unknown>, options: { issuer?: string; audience?: string; expiresIn?: number; key?: 'real' | CryptoKey } = {}) {
    const { kid, privateKey } = identity.app.keys.signingKey();
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims())
      .setProtectedHeader({ alg: 'EdDSA', kid, ...header })
      .setIssuer(options.issuer ?? 'lobby-identity')
      .setAudience(options.audience ?? 'lobby')
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (options.expiresIn ?? 600))
      .sign(options.key && options.key !== 'real' ? options.key : privateKey);
  }

  const forgeries: Array<[string, () => Promise<string>]> = [
    [
      'alg none',
      async () => {
        const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        const payload = { ...claims(), iss: 'lobby-identity', aud: 'lobby', iat: now, exp: now + 600 };
        return `${encode({ alg: 'none', typ: 'JWT', kid: identity.app.keys.signingKey().kid })}.${encode(payload)}.`;
      },
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const jwks = (await (await fetch(identity.jwksUrl)).json()) as { keys: Array<{ kid: string; x: string }> };
        const publicKey = jwks.keys[0]!;
        return new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', kid: publicKey.kid })
          .setIssuer('lobby-identity')
          .setAudience('lobby')
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode(JSON.stringify(publicKey)));
      },
    ],
    ['expired', () => sign({}, { expiresIn: -120 })],
    ['wrong audience', () => sign({}, { audience: 'someone-else' })],
    ['wrong issuer', () => sign({}, { issuer: 'evil-identity' })],
    [
      'unknown kid',
      async () => {
        const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
        return sign({ kid: 'not-a-lobby-key' }, { key: privateKey });
      },
    ],
    [
      'a known kid with another key',
      async () => {
        const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
        return sign({}, { key: privateKey });
      },
    ],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(forgeries)('refuses %s with UNAUTHENTICATED before any subgraph is called', async (_name, forge) => {
    const token = await forge();
    const metricsUrl = `${identity.url}/metrics`;
    const before = await readCounter(metricsUrl, 'lobby_subgraph_requests_total');
    const result = await postGraphQL(router.graphqlUrl, ME, { token });
    expect(result.status).toBe(401);
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.body.data).toBeUndefined();
    expect(await readCounter(metricsUrl, 'lobby_subgraph_requests_total')).toBe(before);
  });

  it('accepts a correctly signed token (the forgeries differ only in what they break)', async () => {
    const result = await postGraphQL(router.graphqlUrl, ME, { token: await sign({}) });
    expect(result.body.data).toEqual({ me: { id: victim.user.id, displayName: victim.user.displayName, email: victim.user.email } });
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const result = await postGraphQL(router.graphqlUrl, ME, { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('ignores a client-sent internal context header, even a well-formed one', async () => {
    const body = JSON.stringify({ query: ME });
    const forged = signCallerContext({ userId: victim.user.id, sessionId: null, requestId: 'forged-request', clientIp: null }, body, 'x'.repeat(40));
    const result = await postGraphQL(router.graphqlUrl, ME, { headers: { 'x-lobby-context': forged } });
    expect(result.body).toEqual({ data: { me: null } });
  });
});

describe('signing key rotation', () => {
  it('keeps tokens of the old key valid and accepts tokens of the new one', async () => {
    const credentials = newCredentials('Rota');
    const before = await signUp(router.graphqlUrl, credentials);
    expect((await postGraphQL(router.graphqlUrl, ME, { token: before.accessToken })).body.data).toMatchObject({ me: { id: before.user.id } });

    const oldKid = identity.app.keys.signingKey().kid;
    await identity.app.keys.rotate();
    await identity.app.keys.refresh();
    const newKid = identity.app.keys.signingKey().kid;
    expect(newKid).not.toBe(oldKid);
    const jwks = (await (await fetch(identity.jwksUrl)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));

    // The router refetches the key set for an unknown kid at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const after = (await postGraphQL<{ signIn: Session }>(router.graphqlUrl, `mutation($input: SignInInput!) { signIn(input: $input) { ${AUTH_FIELDS} } }`, {
      variables: { input: { email: credentials.email, password: credentials.password } },
    })).body.data!.signIn;
    const header = JSON.parse(Buffer.from(after.accessToken.split('.')[0]!, 'base64url').toString()) as { kid: string };
    expect(header.kid).toBe(newKid);
    expect((await postGraphQL(router.graphqlUrl, ME, { token: after.accessToken })).body.data).toMatchObject({ me: { id: before.user.id } });
    expect((await postGraphQL(router.graphqlUrl, ME, { token: before.accessToken })).body.data).toMatchObject({ me: { id: before.user.id } });
  });
});

describe('the identity subgraph behind the router', () => {
  it.each([
    ['_service', '{ _service { sdl } }'],
    ['_entities', `{ _entities(representations: [{ __typename: "User", id: "${randomUUID()}" }]) { ... on User { id } } }`],
    ['me', '{ me { id } }'],
  ])('answers an unsigned %s request with an error and no data', async (_name, query) => {
    const result = await postGraphQL(identity.graphqlUrl, query);
    expect(result.status).toBe(401);
    expect(result.body.data).toBeUndefined();
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a signature made with another secret, or over another body', async () => {
    const query = JSON.stringify({ query: '{ _service { sdl } }' });
    const wrongSecret = signCallerContext({ userId: null, sessionId: null, requestId: 'r-123456789', clientIp: null }, query, 'y'.repeat(40));
    const response = await fetch(identity.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-lobby-context': wrongSecret }, body: query });
    expect(response.status).toBe(401);
  });
});
