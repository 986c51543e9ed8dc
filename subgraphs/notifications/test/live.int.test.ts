// What notifications publishes for the routers' live subscriptions: after each commit, for the
// recipient alone, and nothing for an event handled before.
import { randomUUID } from 'node:crypto';
import { createDomainEvent, subscriptionChannel, type SubscriptionEvent } from '@lobby/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotifications, type RunningNotifications } from '../../../test/support/notifications.js';
import { MARK_ALL_READ, MARK_READ, notificationsApi, type NotificationsApi } from './notifications-api.js';

let notifications: RunningNotifications;
let api: NotificationsApi;
let listener: Redis;
const events: SubscriptionEvent[] = [];

beforeAll(async () => {
  notifications = await startNotifications();
  api = notificationsApi(notifications.graphqlUrl);
  listener = new Redis('redis://127.0.0.1:6379');
  listener.on('message', (_channel: string, text: string) => events.push(JSON.parse(text) as SubscriptionEvent));
  await listener.subscribe(subscriptionChannel(notifications.redisKeyPrefix));
});

afterAll(async () => {
  listener?.disconnect();
  await notifications?.close();
});

/** Waits (up to 2 s) until `count` events have arrived after `from`, and returns them. */
async function eventsAfter(from: number, count: number): Promise<SubscriptionEvent[]> {
  for (const deadline = Date.now() + 2_000; events.length < from + count && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
  return events.slice(from);
}

/**
 * The events published since `from`, up to a marker published now: the app publishes on one
 * connection, in order, so once the marker is in, everything before it is too (no waiting for
 * events that should not come).
 */
async function publishedSince(from: number): Promise<SubscriptionEvent[]> {
  const bystander = randomUUID();
  await notifications.app.domainEvents.handle(message(randomUUID(), bystander, randomUUID()));
  for (const deadline = Date.now() + 2_000; !events.slice(from).some((event) => event.audience?.includes(bystander)) && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return events.slice(from).filter((event) => !event.audience?.includes(bystander));
}

const added = (recipient: string, id: string) => ({ subscription: 'notificationAdded', filter: {}, audience: [recipient], payload: { field: 'notification', arguments: { id } } });
const countChanged = (recipient: string) => ({ subscription: 'unreadNotificationCountChanged', filter: {}, audience: [recipient], payload: { field: 'unreadNotificationCount', arguments: {} } });
const message = (from: string, to: string, conversationId: string) =>
  createDomainEvent('chat.message.sent', from, { conversationId, messageId: randomUUID(), recipientIds: [to], preview: 'hi' });

describe('events for subscriptions', () => {
  it('publishes notificationAdded and the new unread count to the recipient alone, and nothing for a redelivered event', async () => {
    const [a, b, conversationId] = [randomUUID(), randomUUID(), randomUUID()];
    const first = message(a, b, conversationId);
    let from = events.length;
    const { notifications: [made] } = await notifications.app.domainEvents.handle(first);
    expect(await eventsAfter(from, 2)).toEqual([added(b, made!.id), countChanged(b)]);

    // A folded message: the same notification again, and no count change (still one unread).
    from = events.length;
    await notifications.app.domainEvents.handle(first);
    await notifications.app.domainEvents.handle(message(a, b, conversationId));
    expect(await publishedSince(from)).toEqual([added(b, made!.id)]);
  });

  it("publishes the recipient's new unread count when they mark read, and nothing when nothing changed", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    let from = events.length;
    const { notifications: [made] } = await notifications.app.domainEvents.handle(message(a, b, randomUUID()));
    await notifications.app.domainEvents.handle(message(a, b, randomUUID()));
    // Both notifications' events are in before the marking starts.
    expect(await eventsAfter(from, 4)).toHaveLength(4);
    from = events.length;
    await api.data(b, MARK_READ, { ids: [made!.id] });
    await api.data(b, MARK_READ, { ids: [made!.id] });
    expect(await publishedSince(from)).toEqual([countChanged(b)]);
    from = events.length;
    await api.data(b, MARK_ALL_READ);
    await api.data(b, MARK_ALL_READ);
    expect(await publishedSince(from)).toEqual([countChanged(b)]);
  });
});
