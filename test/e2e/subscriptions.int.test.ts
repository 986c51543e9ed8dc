import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { publishSubscriptionEvent } from '@lobby/platform';
import { parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { uniqueRedisPrefix } from '../support/database.js';
import { postGraphQL, readCounter } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { roomsSdl, startRoomsSubgraph } from '../support/rooms-subgraph.js';
import { startRouter, type RunningRouter } from '../support/router.js';

const prefix = uniqueRedisPrefix('subscriptions');
const redis = new Redis('redis://127.0.0.1:6379');
let workDir: string;
let identity: RunningIdentity;
let rooms: Awaited<ReturnType<typeof startRoomsSubgraph>>;
let router: RunningRouter;
let ana: Session;
let ben: Session;
let carl: Session;
const clients: Client[] = [];

beforeAll(async () => {
  identity = await startIdentity();
  rooms = await startRoomsSubgraph();
  const identitySdl = await readFile(new URL('../../subgraphs/identity/schema.graphql', import.meta.url), 'utf8');
  const { supergraphSdl, errors } = composeServices([
    { name: 'identity', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(identitySdl) },
    { name: 'rooms', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(roomsSdl) },
  ]);
  if (errors) throw new Error(errors.map((error) => error.message).join('\n'));
  workDir = await mkdtemp(join(tmpdir(), 'lobby-ws-'));
  await writeFile(join(workDir, 'supergraph.graphql'), supergraphSdl!);
  router = await startRouter(identity, { SUPERGRAPH_PATH: join(workDir, 'supergraph.graphql'), SUBGRAPH_URL_ROOMS: rooms.graphqlUrl, REDIS_KEY_PREFIX: prefix });
  [ana, ben, carl] = (await Promise.all(['Ana', 'Ben', 'Carl'].map((name) => signUp(router.graphqlUrl, newCredentials(name))))) as [Session, Session, Session];
  rooms.join('lobby', ana.user.id);
  rooms.join('lobby', ben.user.id);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await router?.close();
  await rooms?.close();
  await identity?.close();
  redis.disconnect();
  await rm(workDir, { recursive: true, force: true });
});

function connect(token?: string, onClose?: (code: number) => void): Client {
  const client = createClient({
    url: router.graphqlUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    on: { closed: (event) => onClose?.((event as { code: number }).code) },
  });
  clients.push(client);
  return client;
}

const activeSubscriptions = () => readCounter(`${router.url}/metrics`, 'lobby_router_subscriptions_active');
async function until(condition: () => Promise<boolean> | boolean, what: string) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function postMessage(text: string, authorId: string) {
  const id = randomUUID();
  rooms.addMessage({ id, roomId: 'lobby', text, authorId });
  await publishSubscriptionEvent(redis, prefix, {
    subscription: 'roomMessageAdded',
    filter: { roomId: 'lobby' },
    audience: null,
    payload: { field: 'roomMessage', arguments: { id } },
  });
  return id;
}

const SUBSCRIBE = 'subscription($room: ID!) { added: roomMessageAdded(roomId: $room) { text author { id displayName } } }';

describe('subscriptions through the router', () => {
  it('delivers each event to a member, in order, with fields resolved from another subgraph as that member', async () => {
    const before = await activeSubscriptions();
    const stream = connect(ben.accessToken).iterate({ query: SUBSCRIBE, variables: { room: 'lobby' } });
    const received: unknown[] = [];
    const reading = (async () => {
      for await (const result of stream) {
        received.push(result);
        if (received.length === 2) break;
      }
    })();
    await until(async () => (await activeSubscriptions()) === before + 1, 'the subscription');
    await postMessage('first', ana.user.id);
    await postMessage('second', ana.user.id);
    await reading;
    expect(received).toEqual([
      { data: { added: { text: 'first', author: { id: ana.user.id, displayName: 'Ana' } } } },
      { data: { added: { text: 'second', author: { id: ana.user.id, displayName: 'Ana' } } } },
    ]);
    await until(async () => (await activeSubscriptions()) === before, 'the subscription to end');
  });

  it("builds one payload per user and event, however many devices the user listens on", async () => {
    const signIn = (email: string) =>
      postGraphQL<{ signIn: { accessToken: string } }>(router.graphqlUrl, 'mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }', {
        variables: { input: { email, password: 'a long enough passphrase' } },
      }).then((result) => result.body.data!.signIn.accessToken);
    const benDevices = [await signIn(ben.user.email!), await signIn(ben.user.email!)];
    const before = await activeSubscriptions();
    const streams = [...benDevices, ana.accessToken].map((token) => connect(token).iterate({ query: SUBSCRIBE, variables: { room: 'lobby' } }));
    const firsts = streams.map((stream) => stream.next());
    await until(async () => (await activeSubscriptions()) === before + 3, 'the subscriptions');
    const requestsBefore = rooms.requests();
    await postMessage('to every device', ana.user.id);
    const results = await Promise.all(firsts);
    expect(results.map((result) => (result.value as { data: { added: { text: string } } }).data.added.text)).toEqual(['to every device', 'to every device', 'to every device']);
    // Ben's two devices share one payload query; Ana's is her own.
    expect(rooms.requests() - requestsBefore).toBe(2);
    await Promise.all(streams.map((stream) => stream.return?.()));
  });

  it('refuses a subscription the owning subgraph refuses', async () => {
    const results = connect(carl.accessToken).iterate({ query: SUBSCRIBE, variables: { room: 'lobby' } });
    await expect(results.next()).rejects.toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  });

  it('stops delivering to a member who left, per event', async () => {
    rooms.join('lobby', carl.user.id);
    const before = await activeSubscriptions();
    const stream = connect(carl.accessToken).iterate({ query: SUBSCRIBE, variables: { room: 'lobby' } });
    const first = stream.next();
    await until(async () => (await activeSubscriptions()) === before + 1, 'the subscription');
    await postMessage('while a member', ana.user.id);
    expect((await first).value).toMatchObject({ data: { added: { text: 'while a member' } } });
    rooms.leave('lobby', carl.user.id);
    const next = stream.next();
    await postMessage('after leaving', ana.user.id);
    await postMessage('still after', ana.user.id);
    const winner = await Promise.race([next.then(() => 'delivered'), new Promise((resolve) => setTimeout(() => resolve('nothing'), 500))]);
    expect(winner).toBe('nothing');
    await stream.return?.();
  });

  it('runs queries over the socket like HTTP, limits included, without calling a subgraph for a refused one', async () => {
    const client = connect(ana.accessToken);
    expect(await client.iterate({ query: '{ me { displayName } }' }).next()).toMatchObject({ value: { data: { me: { displayName: 'Ana' } } } });
    const identityBefore = await readCounter(`${identity.url}/metrics`, 'lobby_subgraph_requests_total');
    const deep = `{ me { id ${'a { '.repeat(30)}b${' }'.repeat(30)} } }`;
    await expect(client.iterate({ query: `${deep}` }).next()).rejects.toBeDefined();
    const aliases = `{ me { ${Array.from({ length: 200 }, (_, i) => `a${i}: id`).join(' ')} } }`;
    await expect(client.iterate({ query: aliases }).next()).rejects.toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'ALIAS_LIMIT_EXCEEDED' }) })]);
    expect(await readCounter(`${identity.url}/metrics`, 'lobby_subgraph_requests_total')).toBe(identityBefore);
  });

  it('closes a connection with a bad token with 4403', async () => {
    let code = 0;
    const client = connect('not.a.token', (closeCode) => (code = closeCode));
    await expect(client.iterate({ query: '{ __typename }' }).next()).rejects.toBeDefined();
    expect(code).toBe(4403);
  });

  it('ends subscriptions with UNAUTHENTICATED when the access token expires', async () => {
    const { kid, privateKey } = identity.app.keys.signingKey();
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await new SignJWT({ sid: randomUUID() })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(ben.user.id)
      .setIssuer('lobby-identity')
      .setAudience('lobby')
      .setIssuedAt(now)
      .setExpirationTime(now + 2)
      .sign(privateKey);
    const stream = connect(shortLived).iterate({ query: SUBSCRIBE, variables: { room: 'lobby' } });
    const last = await stream.next();
    expect(last.value).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    expect((await stream.next()).done).toBe(true);
  });

  it('closes sockets with 1001 when the router shuts down', async () => {
    const second = await startRouter(identity, { SUPERGRAPH_PATH: join(workDir, 'supergraph.graphql'), SUBGRAPH_URL_ROOMS: rooms.graphqlUrl, REDIS_KEY_PREFIX: prefix });
    let code = 0;
    const client = createClient({ url: second.graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, on: { closed: (event) => (code = (event as { code: number }).code) } });
    const stream = client.iterate({ query: SUBSCRIBE, variables: { room: 'lobby' } });
    void stream.next().catch(() => undefined);
    await until(async () => (await readCounter(`${second.url}/metrics`, 'lobby_router_subscriptions_active')) === 0 && code === 0, 'the connection');
    await second.close();
    await until(() => code !== 0, 'the close');
    expect(code).toBe(1001);
    await client.dispose();
  });
});
