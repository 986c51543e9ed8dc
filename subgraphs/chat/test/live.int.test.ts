// What chat does for live subscriptions: the events it publishes to Redis for the routers (exact
// contract shapes), typing kept in Redis only, and writes that stand when publishing fails.
import { randomUUID } from 'node:crypto';
import { subscriptionChannel, subscriptionEventSchema, type SubscriptionEvent } from '@lobby/contracts';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChat, type RunningChat } from '../../../test/support/chat.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { capturingLogger } from '../../../test/support/log-capture.js';
import { startPrivateRedis } from '../../../test/support/private-redis.js';
import { DELETE, EDIT, MARK_READ, SET_TYPING, chatApi, type ChatApi } from './chat-api.js';

let chat: RunningChat;
let api: ChatApi;
let db: pg.Client;
let redis: Redis;
let listener: Redis;
const events: SubscriptionEvent[] = [];

beforeAll(async () => {
  chat = await startChat({ CHAT_TYPING_TTL_SECONDS: '1', CHAT_TYPING_RATE_LIMIT: '5', CHAT_TYPING_RATE_WINDOW_SECONDS: '10' });
  api = chatApi(chat.graphqlUrl);
  db = new pg.Client({ connectionString: chat.databaseUrl });
  await db.connect();
  redis = new Redis('redis://127.0.0.1:6379');
  listener = new Redis('redis://127.0.0.1:6379');
  listener.on('message', (_channel: string, text: string) => events.push(JSON.parse(text) as SubscriptionEvent));
  await listener.subscribe(subscriptionChannel(chat.redisKeyPrefix));
});

afterAll(async () => {
  listener?.disconnect();
  redis?.disconnect();
  await db?.end();
  await chat?.close();
});

/** Waits until `count` more events than `from` have arrived, and returns them with audiences sorted. */
async function eventsAfter(from: number, count: number): Promise<SubscriptionEvent[]> {
  for (let waited = 0; events.length < from + count && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  return events.slice(from).map((event) => ({ ...event, audience: event.audience ? [...event.audience].sort() : null }));
}

const sorted = (...ids: string[]) => [...ids].sort();

describe('events for subscriptions', () => {
  it('publishes messageAdded and conversationActivity after a send, once, whatever the retries', async () => {
    const { a, b, conversationId } = await api.pair();
    const from = events.length;
    const key = randomUUID();
    const sent = await api.send(a, conversationId, 'hello', key);
    await Promise.all([api.send(a, conversationId, 'hello', key), api.send(a, conversationId, 'hello', key)]);
    // A later event marks the point by which any duplicate would have arrived.
    await api.data(a, SET_TYPING, { c: conversationId, t: false });
    const published = await eventsAfter(from, 3);
    expect(published).toEqual([
      { subscription: 'messageAdded', filter: { conversationId }, audience: sorted(a, b), payload: { field: 'message', arguments: { id: sent.id } } },
      { subscription: 'conversationActivity', filter: {}, audience: sorted(a, b), payload: { field: 'conversation', arguments: { id: conversationId } } },
      { subscription: 'typing', filter: { conversationId }, audience: [b], payload: { field: 'typingEvent', arguments: { conversationId, userId: a, isTyping: false } } },
    ]);
    for (const event of published) expect(subscriptionEventSchema.parse(event)).toEqual(event);
  });

  it('publishes messageUpdated and conversationActivity after an edit and a delete, nothing when nothing changed', async () => {
    const { a, b, conversationId } = await api.pair();
    const sent = await api.send(a, conversationId, 'draft');
    const from = events.length;
    await api.data(a, EDIT, { id: sent.id, body: 'final' });
    await api.data(a, EDIT, { id: sent.id, body: 'final' });
    await api.data(a, DELETE, { id: sent.id });
    await api.data(a, DELETE, { id: sent.id });
    await api.data(a, SET_TYPING, { c: conversationId, t: false });
    const updated = { subscription: 'messageUpdated', filter: { conversationId }, audience: sorted(a, b), payload: { field: 'message', arguments: { id: sent.id } } };
    const activity = { subscription: 'conversationActivity', filter: {}, audience: sorted(a, b), payload: { field: 'conversation', arguments: { id: conversationId } } };
    const published = await eventsAfter(from, 5);
    expect(published.slice(0, 4)).toEqual([updated, activity, updated, activity]);
    expect(published[4]!.subscription).toBe('typing');
  });

  it('publishes conversationActivity when a read receipt moves, and not when it stays', async () => {
    const { a, b, conversationId } = await api.pair();
    const sent = await api.send(a, conversationId, 'read me');
    const from = events.length;
    await api.data(b, MARK_READ, { c: conversationId, m: sent.id });
    await api.data(b, MARK_READ, { c: conversationId, m: sent.id });
    await api.data(b, SET_TYPING, { c: conversationId, t: false });
    const published = await eventsAfter(from, 2);
    expect(published.map((event) => event.subscription)).toEqual(['conversationActivity', 'typing']);
    expect(published[0]!.audience).toEqual(sorted(a, b));
  });

  it("gives the router each event's payload through the query it names, for participants only", async () => {
    const { a, b, conversationId } = await api.pair();
    const sent = await api.send(a, conversationId, 'payload');
    const MESSAGE = 'query($id: ID!) { message(id: $id) { id body sender { id } conversation { id } } }';
    const TYPING = 'query($c: ID!, $u: ID!, $t: Boolean!) { typingEvent(conversationId: $c, userId: $u, isTyping: $t) { isTyping user { id } conversation { id } } }';
    expect((await api.data<{ message: unknown }>(b, MESSAGE, { id: sent.id })).message).toEqual({ id: sent.id, body: 'payload', sender: { id: a }, conversation: { id: conversationId } });
    expect((await api.data<{ typingEvent: unknown }>(b, TYPING, { c: conversationId, u: a, t: true })).typingEvent).toEqual({ isTyping: true, user: { id: a }, conversation: { id: conversationId } });
    expect((await api.data<{ typingEvent: unknown }>(b, TYPING, { c: conversationId, u: randomUUID(), t: true })).typingEvent).toBeNull();
    expect((await api.data<{ message: unknown }>(randomUUID(), MESSAGE, { id: sent.id })).message).toBeNull();
  });
});

describe('typing', () => {
  const TYPING_USERS = 'query($id: ID!) { conversation(id: $id) { typingUsers { id } } }';
  const typingUsers = async (viewer: string, conversationId: string) =>
    (await api.data<{ conversation: { typingUsers: Array<{ id: string }> } }>(viewer, TYPING_USERS, { id: conversationId })).conversation.typingUsers.map((user) => user.id);
  const snapshot = async () => {
    const rows = [];
    for (const table of ['conversations', 'participants', 'messages']) rows.push((await db.query(`SELECT * FROM ${table} ORDER BY id`)).rows);
    return JSON.stringify(rows);
  };

  it('lives in Redis with a TTL and never in the database', async () => {
    const { a, b, conversationId } = await api.pair();
    const before = await snapshot();
    expect(await api.data(a, SET_TYPING, { c: conversationId, t: true })).toEqual({ setTyping: true });
    const key = `${chat.redisKeyPrefix}chat:typing:${conversationId}:${a}`;
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_000);
    expect(await typingUsers(b, conversationId)).toEqual([a]);
    expect(await typingUsers(a, conversationId)).toEqual([]);
    expect(await snapshot()).toBe(before);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await redis.exists(key)).toBe(0);
    expect(await typingUsers(b, conversationId)).toEqual([]);
  });

  it('stops at once with isTyping: false', async () => {
    const { a, b, conversationId } = await api.pair();
    await api.data(a, SET_TYPING, { c: conversationId, t: true });
    await api.data(a, SET_TYPING, { c: conversationId, t: false });
    expect(await typingUsers(b, conversationId)).toEqual([]);
  });

  it('is rate limited per user: RATE_LIMITED with a retry time beyond the limit', async () => {
    const { a, conversationId } = await api.pair();
    for (let n = 0; n < 5; n += 1) await api.data(a, SET_TYPING, { c: conversationId, t: true });
    const limited = await api.call(a, SET_TYPING, { c: conversationId, t: true });
    expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.body.errors![0]!.extensions!.retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.body.errors![0]!.extensions!.retryAfter).toBeLessThanOrEqual(10);
  });
});

describe('while Redis is down', () => {
  it('still sends messages (clients catch up with messages(after:)), logs the lost event, and says typing is unavailable', async () => {
    const privateRedis = await startPrivateRedis();
    const { logger, lines } = capturingLogger('chat');
    const isolated = await startChat({ REDIS_URL: privateRedis.url }, logger);
    let stopped = false;
    try {
      const isolatedApi = chatApi(isolated.graphqlUrl);
      const { a, b, conversationId } = await isolatedApi.pair();
      await privateRedis.stop();
      stopped = true;
      const sent = await isolatedApi.send(a, conversationId, 'still here');
      expect((await isolatedApi.page(b, conversationId)).edges.map((edge) => edge.node.id)).toEqual([sent.id]);
      expect(lines.some((line) => line.msg === 'subscription event not published')).toBe(true);
      expect(errorCodes(await isolatedApi.call(a, SET_TYPING, { c: conversationId, t: true }))).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      await isolated.close();
      // Only once: the helper waits for an exit that a second stop never sees.
      if (!stopped) await privateRedis.stop();
    }
  });
});
