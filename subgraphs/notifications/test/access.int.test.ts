// The recipient's side of the API, called as the router would: only the recipient reads or marks a
// notification, on every path (root fields, `_entities`, mutations, subscriptions).
import { randomUUID } from 'node:crypto';
import { createDomainEvent } from '@lobby/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../../test/support/graphql.js';
import { startNotifications, type RunningNotifications } from '../../../test/support/notifications.js';
import { startStubSubgraph } from '../../../test/support/stub-subgraph.js';
import { MARK_ALL_READ, MARK_READ, MARK_SEEN, NOTIFICATION, NOTIFICATIONS, UNREAD_COUNT, notificationsApi, type NotificationsApi } from './notifications-api.js';

let notifications: RunningNotifications;
let identity: Awaited<ReturnType<typeof startStubSubgraph>>;
let api: NotificationsApi;
const [ana, ben, carl] = [randomUUID(), randomUUID(), randomUUID()];
let bens: string[];

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Notification { id text } } }';

beforeAll(async () => {
  identity = await startStubSubgraph({ data: { me: null } });
  notifications = await startNotifications({ IDENTITY_SUBGRAPH_URL: identity.graphqlUrl });
  api = notificationsApi(notifications.graphqlUrl);
  // Ana writes to Ben in three conversations, a second apart; Carl gets one of his own.
  for (let n = 1; n <= 3; n += 1) {
    const at = new Date(Date.UTC(2026, 10, 21, 12, 0, n));
    await notifications.app.domainEvents.handle(createDomainEvent('chat.message.sent', ana, { conversationId: randomUUID(), messageId: randomUUID(), recipientIds: [ben], preview: `hello ${n}` }, at));
  }
  await notifications.app.domainEvents.handle(createDomainEvent('chat.message.sent', ana, { conversationId: randomUUID(), messageId: randomUUID(), recipientIds: [carl], preview: 'hi Carl' }));
  bens = (await api.nodes(ben)).map((n) => n.id);
});

afterAll(async () => {
  await notifications?.close();
  await identity?.close();
});

describe('reading notifications', () => {
  it('pages through your own, the latest first, and filters the unread', async () => {
    const first = await api.list(ben, { first: 2 });
    expect(first.edges.map((edge) => edge.node.text)).toEqual(['New message: “hello 3”', 'New message: “hello 2”']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await api.list(ben, { first: 2, after: first.pageInfo.endCursor! });
    expect(second.edges.map((edge) => edge.node.text)).toEqual(['New message: “hello 1”']);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[0]!.cursor });
    expect(await api.unread(ben)).toBe(3);
  });

  it('caps the page size and refuses a forged cursor', async () => {
    for (const args of [{ first: 101 }, { first: 0 }, { after: 'not-a-cursor' }]) {
      expect(errorCodes(await api.call(ben, NOTIFICATIONS, args))).toEqual(['BAD_USER_INPUT']);
    }
    expect((await api.list(ben, { first: 100 })).edges).toHaveLength(3);
  });

  it('needs a signed-in caller', async () => {
    expect(errorCodes(await api.call(null, NOTIFICATIONS))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.call(null, UNREAD_COUNT))).toEqual(['UNAUTHENTICATED']);
    expect((await api.call(null, NOTIFICATION, { id: bens[0] })).body).toEqual({ data: { notification: null } });
  });

  it("shows nobody else Ben's notifications, by id, by `_entities` or in their list", async () => {
    expect((await api.call(carl, NOTIFICATION, { id: bens[0] })).body).toEqual({ data: { notification: null } });
    expect((await api.call(ben, NOTIFICATION, { id: bens[0] })).body.data).toEqual({ notification: expect.objectContaining({ id: bens[0] }) });
    const representations = bens.map((id) => ({ __typename: 'Notification', id }));
    expect((await api.call(carl, ENTITIES, { r: representations })).body).toEqual({ data: { _entities: [null, null, null] } });
    expect((await api.call(ben, ENTITIES, { r: representations.slice(0, 1) })).body.data).toEqual({ _entities: [{ id: bens[0], text: 'New message: “hello 3”' }] });
    expect((await api.nodes(carl)).map((n) => n.text)).toEqual(['New message: “hi Carl”']);
  });
});

describe('marking notifications', () => {
  it("refuses Ben's to anyone else with NOT_FOUND, all or nothing, and leaves them unread", async () => {
    const [carlsOwn] = await api.nodes(carl);
    for (const query of [MARK_READ, MARK_SEEN]) {
      const refused = await api.call(carl, query, { ids: [carlsOwn!.id, bens[0]] });
      expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
      expect(refused.body.errors![0]!.message).toBe('Notification not found.');
    }
    expect((await api.nodes(carl))[0]).toMatchObject({ readAt: null, seenAt: null });
    expect(await api.data(carl, MARK_ALL_READ)).toEqual({ markAllNotificationsRead: 1 });
    expect(await api.unread(ben)).toBe(3);
    expect((await api.nodes(ben)).every((n) => n.readAt === null && n.seenAt === null)).toBe(true);
    expect(errorCodes(await api.call(null, MARK_ALL_READ))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.call(ben, MARK_READ, { ids: ['nope'] }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets Ben mark his own seen, read, and all read; marking again changes nothing', async () => {
    const seen = (await api.data<{ markNotificationsSeen: Array<{ readAt: string | null; seenAt: string | null }> }>(ben, MARK_SEEN, { ids: [bens[0]] })).markNotificationsSeen;
    expect(seen).toEqual([{ id: bens[0], readAt: null, seenAt: expect.any(String) }]);
    const read = (await api.data<{ markNotificationsRead: Array<{ readAt: string | null; seenAt: string | null }> }>(ben, MARK_READ, { ids: [bens[0], bens[1]] })).markNotificationsRead;
    expect(read[0]).toEqual({ id: bens[0], readAt: expect.any(String), seenAt: seen[0]!.seenAt });
    expect(read[1]!.seenAt).toBe(read[1]!.readAt);
    const again = (await api.data<{ markNotificationsRead: Array<{ readAt: string }> }>(ben, MARK_READ, { ids: [bens[0]] })).markNotificationsRead;
    expect(again[0]!.readAt).toBe(read[0]!.readAt);
    expect(await api.unread(ben)).toBe(1);
    expect((await api.nodes(ben, { unreadOnly: true })).map((n) => n.id)).toEqual([bens[2]]);
    expect(await api.data(ben, MARK_ALL_READ)).toEqual({ markAllNotificationsRead: 1 });
    expect(await api.data(ben, MARK_ALL_READ)).toEqual({ markAllNotificationsRead: 0 });
    expect(await api.unread(ben)).toBe(0);
  });
});

describe('subscribing', () => {
  it.each(['subscription { notificationAdded { id } }', 'subscription { unreadNotificationCountChanged }'])('lets any signed-in user subscribe to their own: %s', async (query) => {
    expect(await api.subscriptionCheck(ben, query)).toEqual({});
    expect((await api.subscriptionCheck(null, query)).errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
