// The queue dashboard (bull-board) on the router: admins only, by the `admin` role identity puts
// in the access token (granted with identity's grant-role command); 401 and 403 for everyone else.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

const GRANT_ROLE = fileURLToPath(new URL('../../subgraphs/identity/dist/grant-role.js', import.meta.url));
let identity: RunningIdentity;
let router: RunningRouter;
let admin: Session;
let resident: Session;
let tokenBeforeGrant: string;

async function signIn(credentials: { email: string; password: string }): Promise<string> {
  const result = await postGraphQL<{ signIn: { accessToken: string } }>(router.graphqlUrl, 'mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }', { variables: { input: { email: credentials.email, password: credentials.password } } });
  return result.body.data!.signIn.accessToken;
}

beforeAll(async () => {
  identity = await startIdentity();
  router = await startRouter(identity);
  const adminCredentials = newCredentials('Admin');
  admin = await signUp(router.graphqlUrl, adminCredentials);
  resident = await signUp(router.graphqlUrl, newCredentials('Resident'));
  tokenBeforeGrant = admin.accessToken;
  await promisify(execFile)(process.execPath, [GRANT_ROLE, adminCredentials.email.toUpperCase(), 'admin'], { env: { ...process.env, DATABASE_URL: identity.databaseUrl } });
  admin = { ...admin, accessToken: await signIn(adminCredentials) };
});

afterAll(async () => {
  await router?.close();
  await identity?.close();
});

const dashboard = (path = '/admin/queues', headers: Record<string, string> = {}) => fetch(`${router.url}${path}`, { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the queue dashboard', () => {
  it('is 401 without a valid token and 403 for anyone but an admin, pages and API alike', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      expect((await dashboard(path)).status, path).toBe(401);
      expect((await dashboard(path, bearer('not.a.token'))).status, path).toBe(401);
      expect((await dashboard(path, bearer(resident.accessToken))).status, path).toBe(403);
      // Roles come with the token: one issued before the grant is still a resident's.
      expect((await dashboard(path, bearer(tokenBeforeGrant))).status, path).toBe(403);
      expect((await dashboard(path, { cookie: `lobby_admin=${resident.accessToken}` })).status, path).toBe(403);
    }
  });

  it("shows an admin Lobby's queues", async () => {
    const page = await dashboard('/admin/queues', bearer(admin.accessToken));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const api = await dashboard('/admin/queues/api/queues', bearer(admin.accessToken));
    expect(api.status).toBe(200);
    expect(((await api.json()) as { queues: Array<{ name: string }> }).queues.map((queue) => queue.name)).toEqual(['media', 'notification-email']);
  });

  it('gives an admin a browser session: an HttpOnly, SameSite=Strict cookie for /admin, and only to an admin', async () => {
    expect((await fetch(`${router.url}/admin/session`, { method: 'POST', headers: bearer(resident.accessToken) })).status).toBe(403);
    expect((await fetch(`${router.url}/admin/session`, { method: 'POST', headers: { cookie: `lobby_admin=${admin.accessToken}` } })).status).toBe(401);
    const session = await fetch(`${router.url}/admin/session`, { method: 'POST', headers: bearer(admin.accessToken) });
    expect(session.status).toBe(200);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^lobby_admin=[^;]+; Path=\/admin; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const api = await dashboard('/admin/queues/api/queues', { cookie: cookie.split(';')[0]! });
    expect(api.status).toBe(200);
    const cleared = await fetch(`${router.url}/admin/session`, { method: 'DELETE' });
    expect(cleared.headers.get('set-cookie')).toMatch(/^lobby_admin=; .*Max-Age=0/);
  });
});
