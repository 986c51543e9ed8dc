// The consumer side of domain events, called directly with events as producers make them: who gets
// which notification, bursts folded, mutes honoured, and every event handled exactly once however
// often (and however concurrently) it is delivered.
import { randomUUID } from 'node:crypto';
import { createDomainEvent, type AnyDomainEvent } from '@lobby/contracts';
import { createLogger } from '@lobby/platform';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotifications, type RunningNotifications } from '../../../test/support/notifications.js';
import { startStubSubgraph } from '../../../test/support/stub-subgraph.js';
import { DomainEventHandler } from '../src/domain-events/domain-event.handler.js';
import { NotificationEvents } from '../src/events.js';
import { MARK_READ, UPDATE_PREFERENCES, notificationsApi, type NotificationsApi } from './notifications-api.js';

let notifications: RunningNotifications;
let identity: Awaited<ReturnType<typeof startStubSubgraph>>;
let api: NotificationsApi;
let db: pg.Client;

beforeAll(async () => {
  // Emails of these events find no address: this file is about notifications, email.int.test.ts about emails.
  identity = await startStubSubgraph({ data: { me: null } });
  notifications = await startNotifications({ IDENTITY_SUBGRAPH_URL: identity.graphqlUrl });
  api = notificationsApi(notifications.graphqlUrl);
  db = new pg.Client({ connectionString: notifications.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await notifications?.close();
  await identity?.close();
});

const handle = (event: AnyDomainEvent) => notifications.app.domainEvents.handle(event);
const message = (from: string, to: string[], conversationId: string, preview = 'Is the bike still for sale?') =>
  createDomainEvent('chat.message.sent', from, { conversationId, messageId: randomUUID(), recipientIds: to, preview });
const rowsOf = async (recipientId: string) => (await db.query('select id, count from notifications where recipient_id = $1', [recipientId])).rows;
const processed = async (eventId: string) => (await db.query('select 1 from processed_events where event_id = $1', [eventId])).rowCount;

describe('handling domain events', () => {
  it("makes B one notification for A's message, none for A, and nothing more on a second delivery", async () => {
    const [a, b, conversationId] = [randomUUID(), randomUUID(), randomUUID()];
    const event = message(a, [b, a], conversationId);
    expect(await handle(event)).toMatchObject({ duplicate: false, notifications: [{ recipientId: b, created: true }] });
    expect(await handle(event)).toEqual({ duplicate: true, notifications: [] });
    expect(await api.nodes(a)).toEqual([]);
    expect(await api.nodes(b)).toEqual([
      expect.objectContaining({
        type: 'MESSAGE_RECEIVED',
        text: 'New message: “Is the bike still for sale?”',
        count: 1,
        actor: { id: a },
        subject: { __typename: 'Conversation', id: conversationId },
        readAt: null,
        createdAt: event.occurredAt,
      }),
    ]);
    expect(await api.unread(b)).toBe(1);
  });

  it('changes nothing when the same event is delivered many times at once', async () => {
    const [seller, buyer] = [randomUUID(), randomUUID()];
    const event = createDomainEvent('marketplace.offer.made', buyer, { offerId: randomUUID(), listingId: randomUUID(), buildingId: randomUUID(), sellerId: seller, buyerId: buyer });
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => handle(event)));
    expect(outcomes.filter((outcome) => !outcome.duplicate)).toHaveLength(1);
    expect(await rowsOf(seller)).toHaveLength(1);
  });

  it('folds a burst of messages in one conversation into one unread notification whose count and text follow the latest', async () => {
    const [a, c, b, conversationId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (let n = 1; n <= 10; n += 1) await handle(message(n % 2 ? a : c, [a, b, c], conversationId, `message ${n}`));
    const [only, ...others] = await api.nodes(b);
    expect(others).toEqual([]);
    expect(only).toMatchObject({ count: 10, text: '10 new messages: “message 10”', actor: { id: c } });
    expect(await api.unread(b)).toBe(1);
  });

  it('folds a burst into one notification even when its events are handled at the same time', async () => {
    const [a, b, conversationId] = [randomUUID(), randomUUID(), randomUUID()];
    await Promise.all(Array.from({ length: 10 }, (_, n) => handle(message(a, [b], conversationId, `message ${n}`))));
    expect(await rowsOf(b)).toEqual([expect.objectContaining({ count: 10 })]);
  });

  it('starts a new notification once the folded one is read', async () => {
    const [a, b, conversationId] = [randomUUID(), randomUUID(), randomUUID()];
    await handle(message(a, [b], conversationId, 'first'));
    await handle(message(a, [b], conversationId, 'second'));
    const [folded] = await api.nodes(b);
    await api.data(b, MARK_READ, { ids: [folded!.id] });
    await handle(message(a, [b], conversationId, 'third'));
    const [latest, read] = await api.nodes(b);
    expect([latest, read]).toMatchObject([
      { count: 1, text: 'New message: “third”', readAt: null },
      { id: folded!.id, count: 2, text: '2 new messages: “second”' },
    ]);
    expect(await api.unread(b)).toBe(1);
  });

  it('makes the right notification for the right person for every other event', async () => {
    const [seller, buyer, manager, resident] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const [listingId, buildingId, mediaId] = [randomUUID(), randomUUID(), randomUUID()];
    const offer = { offerId: randomUUID(), listingId, buildingId, sellerId: seller, buyerId: buyer };
    // A second apart, so the lists' newest-first order is certain.
    const at = (second: number) => new Date(Date.UTC(2026, 10, 21, 12, 0, second));
    await handle(createDomainEvent('marketplace.offer.made', buyer, offer, at(1)));
    await handle(createDomainEvent('marketplace.offer.accepted', seller, offer, at(2)));
    await handle(createDomainEvent('marketplace.listing.favorited', buyer, { listingId, buildingId, sellerId: seller, userId: buyer }, at(3)));
    await handle(createDomainEvent('marketplace.listing.sold', seller, { listingId, buildingId, sellerId: seller, buyerId: buyer }, at(4)));
    await handle(createDomainEvent('buildings.membership.requested', resident, { membershipId: randomUUID(), buildingId, userId: resident, managerIds: [manager] }, at(5)));
    await handle(createDomainEvent('buildings.membership.approved', manager, { membershipId: randomUUID(), buildingId, userId: resident }, at(6)));
    await handle(createDomainEvent('media.ready', null, { mediaId, ownerId: resident, purpose: 'AVATAR' }, at(7)));
    const summary = async (userId: string) => (await api.nodes(userId)).map((n) => [n.type, n.actor?.id ?? null, n.subject?.__typename, n.subject?.id]);
    expect(await summary(seller)).toEqual([
      ['LISTING_FAVORITED', buyer, 'Listing', listingId],
      ['OFFER_RECEIVED', buyer, 'Listing', listingId],
    ]);
    expect(await summary(buyer)).toEqual([
      ['LISTING_SOLD', seller, 'Listing', listingId],
      ['OFFER_ACCEPTED', seller, 'Listing', listingId],
    ]);
    expect(await summary(manager)).toEqual([['MEMBERSHIP_REQUESTED', resident, 'Building', buildingId]]);
    expect(await summary(resident)).toEqual([
      ['MEDIA_READY', null, 'Media', mediaId],
      ['MEMBERSHIP_APPROVED', manager, 'Building', buildingId],
    ]);
  });

  it('makes no notification of a kind its recipient muted in the app, and still those of other kinds', async () => {
    const [a, b, conversationId] = [randomUUID(), randomUUID(), randomUUID()];
    await api.data(b, UPDATE_PREFERENCES, { p: [{ type: 'MESSAGE_RECEIVED', channel: 'IN_APP', enabled: false }] });
    const muted = message(a, [b], conversationId);
    expect(await handle(muted)).toEqual({ duplicate: false, notifications: [] });
    expect(await processed(muted.id)).toBe(1);
    await handle(createDomainEvent('marketplace.offer.made', a, { offerId: randomUUID(), listingId: randomUUID(), buildingId: randomUUID(), sellerId: b, buyerId: a }));
    expect((await api.nodes(b)).map((n) => n.type)).toEqual(['OFFER_RECEIVED']);
  });

  it('leaves no trace when handling fails before the commit, so the redelivery does the whole work once', async () => {
    const [seller, buyer] = [randomUUID(), randomUUID()];
    const event = createDomainEvent('marketplace.offer.made', buyer, { offerId: randomUUID(), listingId: randomUUID(), buildingId: randomUUID(), sellerId: seller, buyerId: buyer });
    // The seller is emailed about offers by default: a queue that refuses fails the handler after it wrote.
    const refusingQueue = { enqueue: () => Promise.reject(new Error('redis went away')) };
    const logger = createLogger('notifications', 'silent');
    const failing = new DomainEventHandler(notifications.app.orm, refusingQueue, new NotificationEvents(null as never, '', logger), logger);
    await expect(failing.handle(event)).rejects.toThrow('redis went away');
    expect([await processed(event.id), await rowsOf(seller)]).toEqual([0, []]);
    expect(await handle(event)).toMatchObject({ duplicate: false, notifications: [{ recipientId: seller, created: true }] });
    expect(await handle(event)).toMatchObject({ duplicate: true });
    expect(await rowsOf(seller)).toHaveLength(1);
  });
});
