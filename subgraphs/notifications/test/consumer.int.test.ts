// The consumer wired into the app: events appended to the domain-event stream (as the producers'
// relays append them) become notifications, once per event however often it is appended.
import { randomUUID } from 'node:crypto';
import { createDomainEvent, domainEventStream, type AnyDomainEvent } from '@lobby/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.js';
import { startNotifications, type RunningNotifications } from '../../../test/support/notifications.js';
import { notificationsApi, type NotificationsApi } from './notifications-api.js';

let notifications: RunningNotifications;
let api: NotificationsApi;
let redis: Redis;

beforeAll(async () => {
  notifications = await startNotifications();
  api = notificationsApi(notifications.graphqlUrl);
  redis = new Redis('redis://127.0.0.1:6379');
});

afterAll(async () => {
  redis?.disconnect();
  await notifications?.close();
});

/** Appends an entry the way the outbox relay does: one `event` field holding the JSON. */
const append = (event: unknown) => redis.xadd(domainEventStream(notifications.redisKeyPrefix), '*', 'event', JSON.stringify(event));

describe('the domain event consumer', () => {
  it('turns streamed events into notifications, once per event id, past entries that are not events', async () => {
    const [a, b, conversationId] = [randomUUID(), randomUUID(), randomUUID()];
    const event: AnyDomainEvent = createDomainEvent('chat.message.sent', a, { conversationId, messageId: randomUUID(), recipientIds: [b], preview: 'streamed' });
    await append(event);
    await append({ ...event, type: 'chat.message.eaten' });
    await append(event); // the relay's at-least-once: appended again after a crash
    await append(createDomainEvent('chat.message.sent', a, { conversationId, messageId: randomUUID(), recipientIds: [b], preview: 'second' }));
    const [notification] = await eventually(async () => {
      const nodes = await api.nodes(b);
      expect(nodes[0]?.count).toBe(2);
      return nodes;
    });
    expect(notification).toMatchObject({ text: '2 new messages: “second”', actor: { id: a } });
    expect(await api.nodes(b)).toHaveLength(1);
  });
});
