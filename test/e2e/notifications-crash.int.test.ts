import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { domainEventStream } from '@lobby/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsDatabase } from '../../subgraphs/notifications/src/database.js';
import { repoRoot } from '../../scripts/lib/workspace.mjs';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { startChat, type RunningChat } from '../support/chat.js';
import { uniqueDatabaseUrl, uniqueRedisPrefix } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';
import { dataOf, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startNotifications, type RunningNotifications } from '../support/notifications.js';
import { startPrivateRedis } from '../support/private-redis.js';
import { startRouter, type RunningRouter } from '../support/router.js';
import { testSecrets } from '../support/secrets.js';

// Issue 6: the consumer killed in the middle of handling an event — after a restart, no duplicate
// notification (and none lost). The notifications service runs as a real process (its compiled
// main.js) that the test SIGKILLs at two moments: while its handler's transaction is open, and
// after the transaction committed but before the event was acknowledged.
const RECLAIM_IDLE_MS = '1000';
const database = uniqueDatabaseUrl('notifications_crash');
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let keyPrefix: string;
let identity: RunningIdentity;
let chat: RunningChat;
let router: RunningRouter;
let restarted: RunningNotifications | undefined;
let db: pg.Client;
let streamClient: Redis;
let ana: Session;
let ben: Session;
let conversationId: string;

beforeAll(async () => {
  // The child runs compiled code: bring it up to date with the sources (incremental, quick when it is).
  execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-b', 'subgraphs/notifications'], { cwd: repoRoot, stdio: 'inherit' });
  redis = await startPrivateRedis();
  keyPrefix = uniqueRedisPrefix('crash');
  identity = await startIdentity();
  chat = await startChat({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: keyPrefix });
  await notificationsDatabase.migrate(database.url);
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  streamClient = new Redis(redis.url);
  // Users act through the router; what notifications made is read from its database.
  router = await startRouter(identity, { SUBGRAPH_URL_CHAT: chat.graphqlUrl });
  [ana, ben] = await Promise.all([signUp(router.graphqlUrl, newCredentials('Ana')), signUp(router.graphqlUrl, newCredentials('Ben'))]);
  conversationId = (await ok<{ startConversation: { id: string } }>(ana, 'mutation($id: ID!) { startConversation(withUserId: $id) { id } }', { id: ben.user.id })).startConversation.id;
}, 120_000);

afterAll(async () => {
  streamClient?.disconnect();
  await db?.end();
  await restarted?.close();
  await router?.close();
  await chat?.close();
  await identity?.close();
  await redis?.stop();
  await database.drop();
});

async function ok<Data>(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return dataOf(await postGraphQL<Data>(router.graphqlUrl, query, { token: session.accessToken, variables }));
}

const send = (body: string) => ok(ana, 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: { conversationId, body, clientMessageId: crypto.randomUUID() } });

const notificationsEnv = () => ({
  DATABASE_URL: database.url,
  REDIS_URL: redis.url,
  REDIS_KEY_PREFIX: keyPrefix,
  DOMAIN_EVENTS_RECLAIM_IDLE_MS: RECLAIM_IDLE_MS,
  IDENTITY_SUBGRAPH_URL: identity.graphqlUrl,
});

/** notifications as its own process, ready to consume. */
async function spawnNotifications(): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repoRoot, 'subgraphs/notifications/dist/main.js')], {
    env: { PATH: process.env.PATH, ...testSecrets, ...notificationsEnv(), NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200), 20_000);
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Blocks writes to the notifications table (as a slow disk or a long lock would): a handler that reaches it waits there, mid-transaction. */
async function holdNotificationWrites(): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: database.url });
  await holder.connect();
  await holder.query('begin');
  await holder.query('lock table notifications in exclusive mode');
  return holder;
}

const handlerWaiting = async () =>
  (await db.query("select 1 from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'notifications' and not l.granted")).rowCount! > 0;
const bensNotifications = async () => (await db.query<{ count: number; text: string }>('select count, text from notifications where recipient_id = $1', [ben.user.id])).rows;
const pendingEvents = async () => ((await streamClient.xpending(domainEventStream(keyPrefix), 'notifications')) as [number, ...unknown[]])[0];

describe('the notifications consumer killed mid-event', () => {
  it('handles an event whose handler died before committing exactly once, after a restart', async () => {
    const first = await spawnNotifications();
    const holder = await holdNotificationWrites();
    await send('one');
    await eventually(async () => expect(await handlerWaiting()).toBe(true));
    await kill(first);
    await holder.query('rollback');
    await holder.end();
    expect(await bensNotifications()).toEqual([]);

    // Another instance takes the dead consumer's pending event over after RECLAIM_IDLE_MS.
    const second = await spawnNotifications();
    await eventually(async () => expect(await bensNotifications()).toEqual([{ count: 1, text: 'New message: “one”' }]), 20_000);
    await eventually(async () => expect(await pendingEvents()).toBe(0), 20_000);
    await kill(second);
  });

  it('makes no duplicate when the consumer dies after committing but before acknowledging', async () => {
    const third = await spawnNotifications();
    const holder = await holdNotificationWrites();
    await send('two');
    await eventually(async () => expect(await handlerWaiting()).toBe(true));
    // Redis refuses writes for a while (the acknowledgement among them), then the handler may commit.
    await streamClient.call('client', 'pause', '15000', 'write');
    await holder.query('rollback');
    await holder.end();
    await eventually(async () => expect(await bensNotifications()).toEqual([{ count: 2, text: '2 new messages: “two”' }]));
    await kill(third);
    await streamClient.call('client', 'unpause');
    expect(await pendingEvents()).toBe(1);

    // The event comes again, to a new instance: it finds it handled and changes nothing.
    restarted = await startNotifications(notificationsEnv());
    await eventually(async () => expect(await pendingEvents()).toBe(0), 20_000);
    expect(await bensNotifications()).toEqual([{ count: 2, text: '2 new messages: “two”' }]);
    expect((await db.query('select 1 from processed_events')).rowCount).toBe(2);
  });
});
