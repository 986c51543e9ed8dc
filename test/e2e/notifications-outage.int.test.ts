import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { startChat, type RunningChat } from '../support/chat.js';
import { uniqueRedisPrefix } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { dataOf, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startNotifications, type RunningNotifications } from '../support/notifications.js';
import { startPrivateRedis } from '../support/private-redis.js';
import { startRouter, type RunningRouter } from '../support/router.js';

// Issue 6: Redis stopped, three messages sent (they succeed: chat's outbox holds the events), Redis
// started: Ben ends up with exactly the right notifications, none lost, none twice. Chat and
// notifications share a Redis of the test's own; identity and the router use the machine's.
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let identity: RunningIdentity;
let chat: RunningChat;
let notifications: RunningNotifications;
let router: RunningRouter;
let db: pg.Client;
let ana: Session;
let ben: Session;
let cleo: Session;
let dao: Session;

beforeAll(async () => {
  redis = await startPrivateRedis();
  const shared = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: uniqueRedisPrefix('outage') };
  identity = await startIdentity();
  chat = await startChat(shared);
  notifications = await startNotifications({ ...shared, IDENTITY_SUBGRAPH_URL: identity.graphqlUrl });
  router = await startRouter(identity, { SUBGRAPH_URL_CHAT: chat.graphqlUrl, SUBGRAPH_URL_NOTIFICATIONS: notifications.graphqlUrl });
  const signUpAs = (name: string) => signUp(router.graphqlUrl, newCredentials(name));
  [ana, ben, cleo, dao] = await Promise.all([signUpAs('Ana'), signUpAs('Ben'), signUpAs('Cleo'), signUpAs('Dao')]);
  db = new pg.Client({ connectionString: notifications.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await router?.close();
  await notifications?.close();
  await chat?.close();
  await identity?.close();
  await redis?.stop();
});

async function ok<Data>(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return dataOf(await postGraphQL<Data>(router.graphqlUrl, query, { token: session.accessToken, variables }));
}

const conversationWith = async (from: Session, to: Session) =>
  (await ok<{ startConversation: { id: string } }>(from, 'mutation($id: ID!) { startConversation(withUserId: $id) { id } }', { id: to.user.id })).startConversation.id;
const send = (from: Session, conversationId: string, body: string) =>
  ok<{ sendMessage: { id: string } }>(from, 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: { conversationId, body, clientMessageId: crypto.randomUUID() } });
const bensNotifications = async () =>
  (await ok<{ notifications: { edges: Array<{ node: { text: string; count: number; actor: { displayName: string } } }> } }>(ben, '{ notifications { edges { node { text count actor { displayName } } } } }')).notifications.edges.map(
    (edge) => edge.node,
  );

describe('notifications across a Redis outage', () => {
  it('makes exactly the notifications of the messages sent while Redis was down, once Redis is back', async () => {
    const [withAna, withCleo, withDao] = [await conversationWith(ana, ben), await conversationWith(cleo, ben), await conversationWith(dao, ben)];

    await redis.stop();
    await send(ana, withAna, 'first, while Redis is down');
    await send(cleo, withCleo, 'hello from Cleo');
    await send(ana, withAna, 'second, while Redis is down');
    expect(await bensNotifications()).toEqual([]);

    await redis.start();
    // Sent after the outage, so on the stream after the three that waited in the outbox: once it is in, so are they.
    await send(dao, withDao, 'after the outage');
    await eventually(async () => expect((await bensNotifications())[0]?.actor.displayName).toBe('Dao'), 30_000);
    expect(await bensNotifications()).toEqual([
      { text: 'New message: “after the outage”', count: 1, actor: { displayName: 'Dao' } },
      { text: '2 new messages: “second, while Redis is down”', count: 2, actor: { displayName: 'Ana' } },
      { text: 'New message: “hello from Cleo”', count: 1, actor: { displayName: 'Cleo' } },
    ]);
    expect((await db.query('select type from processed_events')).rows).toHaveLength(4);
  });
});
