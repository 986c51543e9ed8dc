import { createDomainEvent, domainEventStream } from '@lobby/contracts';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { startBuildings, type RunningBuildings } from '../support/buildings.js';
import { startChat, type RunningChat } from '../support/chat.js';
import { uniqueRedisPrefix } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { dataOf, errorCodes, postGraphQL, readCounter } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { newListingInput, startMarketplace, type RunningMarketplace } from '../support/marketplace.js';
import { startNotifications, type RunningNotifications } from '../support/notifications.js';
import { startRouter, type RunningRouter } from '../support/router.js';

// Issue 6's checks through the router: users act in chat, marketplace and buildings; the producers'
// events reach notifications through the stream; each user reads, marks and hears live only their own.
const keyPrefix = uniqueRedisPrefix('notify');
const shared = { REDIS_KEY_PREFIX: keyPrefix };
let identity: RunningIdentity;
let buildings: RunningBuildings;
let marketplace: RunningMarketplace;
let chat: RunningChat;
let notifications: RunningNotifications;
let router: RunningRouter;
let redis: Redis;
let ana: Session;
let ben: Session;
let cleo: Session;
const clients: Client[] = [];

beforeAll(async () => {
  identity = await startIdentity();
  buildings = await startBuildings(shared);
  marketplace = await startMarketplace(buildings.graphqlUrl, shared);
  chat = await startChat({ MARKETPLACE_SUBGRAPH_URL: marketplace.graphqlUrl, ...shared });
  notifications = await startNotifications({ IDENTITY_SUBGRAPH_URL: identity.graphqlUrl, ...shared });
  // The router listens on the same namespace's subscription channel as notifications publishes on.
  router = await startRouter(identity, {
    ...shared,
    SUBGRAPH_URL_BUILDINGS: buildings.graphqlUrl,
    SUBGRAPH_URL_MARKETPLACE: marketplace.graphqlUrl,
    SUBGRAPH_URL_CHAT: chat.graphqlUrl,
    SUBGRAPH_URL_NOTIFICATIONS: notifications.graphqlUrl,
  });
  [ana, ben, cleo] = await Promise.all([signUp(router.graphqlUrl, newCredentials('Ana')), signUp(router.graphqlUrl, newCredentials('Ben')), signUp(router.graphqlUrl, newCredentials('Cleo'))]);
  redis = new Redis('redis://127.0.0.1:6379');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  redis?.disconnect();
  await router?.close();
  await notifications?.close();
  await chat?.close();
  await marketplace?.close();
  await buildings?.close();
  await identity?.close();
});

async function ok<Data>(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return dataOf(await postGraphQL<Data>(router.graphqlUrl, query, { token: session.accessToken, variables }));
}

/** A subscription as `session` (null: an anonymous connection). */
function subscribe<Data>(session: Session | null, query: string): AsyncIterableIterator<{ data?: Data }> {
  const connectionParams = session ? { authorization: `Bearer ${session.accessToken}` } : {};
  const client = createClient({ url: router.graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
  clients.push(client);
  return client.iterate({ query }) as AsyncIterableIterator<{ data?: Data }>;
}

async function listeningTo(count: number) {
  await eventually(async () => expect(await readCounter(`${router.url}/metrics`, 'lobby_router_subscriptions_active')).toBeGreaterThanOrEqual(count));
}

/** Appends media.ready to the stream as media's outbox relay does (the whole chain: test/e2e/media-notifications.int.test.ts). */
const mediaReady = (ownerId: string, mediaId = crypto.randomUUID()) =>
  redis.xadd(domainEventStream(keyPrefix), '*', 'event', JSON.stringify(createDomainEvent('media.ready', null, { mediaId, ownerId, purpose: 'LISTING_PHOTO' })));

const LIVE = 'subscription { notificationAdded { type text count actor { displayName } subject { __typename ... on Conversation { id participants { displayName } } ... on Media { id } } } }';
const LIST = `{ notifications(first: 50) { edges { node { id type text count readAt actor { id displayName } createdAt
  subject { __typename ... on Listing { id title } ... on Building { id name } ... on Conversation { id } ... on Media { id } } } } } }`;
type Listed = { id: string; type: string; text: string; count: number; readAt: string | null; actor: { id: string; displayName: string } | null; subject: Record<string, unknown> | null };
const listOf = async (session: Session) => (await ok<{ notifications: { edges: Array<{ node: Listed }> } }>(session, LIST)).notifications.edges.map((edge) => edge.node);
/** The session's notifications of `type`, once there are `count` of them. */
const eventuallyOfType = (session: Session, type: string, count = 1) =>
  eventually(async () => {
    const found = (await listOf(session)).filter((notification) => notification.type === type);
    expect(found).toHaveLength(count);
    return found;
  });

describe('notifications through the router', () => {
  it("delivers A's message to B's notificationAdded live, with the actor and the conversation resolved; A and C get nothing of it", async () => {
    const toBen = subscribe<{ notificationAdded: unknown }>(ben, LIVE);
    const bensCount = subscribe<{ unreadNotificationCountChanged: number }>(ben, 'subscription { unreadNotificationCountChanged }');
    const toAna = subscribe<{ notificationAdded: { actor: { displayName: string } } }>(ana, LIVE);
    const toCleo = subscribe<{ notificationAdded: { subject: { __typename: string } } }>(cleo, LIVE);
    const [bensFirst, bensFirstCount, anasFirst, cleosFirst] = [toBen.next(), bensCount.next(), toAna.next(), toCleo.next()];
    await listeningTo(4);

    const { startConversation } = await ok<{ startConversation: { id: string } }>(ana, 'mutation($id: ID!) { startConversation(withUserId: $id) { id } }', { id: ben.user.id });
    const send = (session: Session, body: string) =>
      ok(session, 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: { conversationId: startConversation.id, body, clientMessageId: crypto.randomUUID() } });
    await send(ana, 'Is the bike still for sale?');

    expect((await bensFirst).value).toEqual({
      data: {
        notificationAdded: {
          type: 'MESSAGE_RECEIVED',
          text: 'New message: “Is the bike still for sale?”',
          count: 1,
          actor: { displayName: 'Ana' },
          // Resolved by chat, as Ben sees it (its participants' names by identity).
          subject: { __typename: 'Conversation', id: startConversation.id, participants: expect.arrayContaining([{ displayName: 'Ana' }, { displayName: 'Ben' }]) },
        },
      },
    });
    expect((await bensFirstCount).value).toEqual({ data: { unreadNotificationCountChanged: 1 } });

    // The next thing Ana and Cleo hear is their own news, published after Ana's message was handled: nothing of it came first.
    await send(ben, 'Yes, it is!');
    expect((await anasFirst).value?.data?.notificationAdded.actor).toEqual({ displayName: 'Ben' });
    await mediaReady(cleo.user.id);
    expect((await cleosFirst).value?.data?.notificationAdded.subject.__typename).toBe('Media');
    expect((await listOf(ana)).map((notification) => notification.actor?.displayName)).toEqual(['Ben']);
  });

  it('tells the right person of an offer made and accepted, a membership requested and approved, and an upload ready', async () => {
    const [dao, eli] = await Promise.all([signUp(router.graphqlUrl, newCredentials('Dao')), signUp(router.graphqlUrl, newCredentials('Eli'))]);
    const { createBuilding } = await ok<{ createBuilding: { id: string } }>(dao, 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }', {
      input: { name: 'Lotus Tower', slug: `lotus-${crypto.randomUUID().slice(0, 8)}`, address: '2 River Road', city: 'Hanoi', country: 'VN' },
    });
    const buildingId = createBuilding.id;
    const { requestMembership } = await ok<{ requestMembership: { id: string } }>(eli, 'mutation($id: ID!) { requestMembership(buildingId: $id) { id } }', { id: buildingId });
    const [requested] = await eventuallyOfType(dao, 'MEMBERSHIP_REQUESTED');
    expect(requested).toMatchObject({ text: 'A new request to join your building', actor: { displayName: 'Eli' }, subject: { __typename: 'Building', id: buildingId, name: 'Lotus Tower' } });

    await ok(dao, 'mutation($id: ID!) { approveMembership(membershipId: $id) { id } }', { id: requestMembership.id });
    const [approved] = await eventuallyOfType(eli, 'MEMBERSHIP_APPROVED');
    expect(approved).toMatchObject({ actor: { displayName: 'Dao' }, subject: { __typename: 'Building', name: 'Lotus Tower' } });

    const { createListing } = await ok<{ createListing: { id: string } }>(dao, 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }', {
      input: newListingInput(buildingId, { title: 'Blue city bike' }),
    });
    const listingId = createListing.id;
    await ok(dao, 'mutation($id: ID!) { publishListing(id: $id) { id } }', { id: listingId });
    const { makeOffer } = await ok<{ makeOffer: { id: string } }>(eli, 'mutation($id: ID!) { makeOffer(listingId: $id, amount: 9000) { id } }', { id: listingId });
    const [offered] = await eventuallyOfType(dao, 'OFFER_RECEIVED');
    expect(offered).toMatchObject({ text: 'New offer on your listing', actor: { displayName: 'Eli' }, subject: { __typename: 'Listing', id: listingId, title: 'Blue city bike' } });

    await ok(dao, 'mutation($id: ID!) { acceptOffer(offerId: $id) { id } }', { id: makeOffer.id });
    const [accepted] = await eventuallyOfType(eli, 'OFFER_ACCEPTED');
    expect(accepted).toMatchObject({ text: 'Your offer was accepted', actor: { displayName: 'Dao' }, subject: { __typename: 'Listing', title: 'Blue city bike' } });

    const mediaId = crypto.randomUUID();
    await mediaReady(eli.user.id, mediaId);
    const [ready] = await eventuallyOfType(eli, 'MEDIA_READY');
    expect(ready).toMatchObject({ text: 'Your upload is ready', actor: null, subject: { __typename: 'Media', id: mediaId } });

    // Nobody heard of their own action.
    expect((await listOf(dao)).map((n) => n.type).sort()).toEqual(['MEMBERSHIP_REQUESTED', 'OFFER_RECEIVED']);
    expect((await listOf(eli)).map((n) => n.type).sort()).toEqual(['MEDIA_READY', 'MEMBERSHIP_APPROVED', 'OFFER_ACCEPTED']);
  });

  it("keeps Ben's notifications from anyone else on every path the router offers", async () => {
    const [bens] = await listOf(ben);
    const asCleo = (query: string, variables: Record<string, unknown> = {}) => postGraphQL(router.graphqlUrl, query, { token: cleo.accessToken, variables });
    expect((await asCleo('query($id: ID!) { notification(id: $id) { id text } }', { id: bens!.id })).body).toEqual({ data: { notification: null } });
    expect((await listOf(cleo)).map((n) => n.id)).not.toContain(bens!.id);
    for (const mutation of ['markNotificationsRead', 'markNotificationsSeen']) {
      expect(errorCodes(await asCleo(`mutation($ids: [ID!]!) { ${mutation}(ids: $ids) { id } }`, { ids: [bens!.id] }))).toEqual(['NOT_FOUND']);
    }
    expect((await asCleo('mutation { markAllNotificationsRead }')).body).toEqual({ data: { markAllNotificationsRead: 1 } });
    // `_entities` is the subgraphs' own, not the public API's: the router refuses it before any subgraph hears of it.
    const entities = await asCleo('query($r: [_Any!]!) { _entities(representations: $r) { ... on Notification { id } } }', { r: [{ __typename: 'Notification', id: bens!.id }] });
    expect(entities.body.data).toBeUndefined();
    expect(new Set(errorCodes(entities))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(errorCodes(await postGraphQL(router.graphqlUrl, '{ notifications { edges { node { id } } } }'))).toEqual(['UNAUTHENTICATED']);
    const anonymous = subscribe<unknown>(null, 'subscription { notificationAdded { id } }');
    await expect(anonymous.next()).rejects.toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);

    expect(await ok(ben, '{ unreadNotificationCount }')).toEqual({ unreadNotificationCount: 1 });
    expect((await listOf(ben))[0]).toMatchObject({ id: bens!.id, readAt: null });
    const marked = await ok<{ markNotificationsRead: Array<{ id: string; readAt: string | null }> }>(ben, 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }', { ids: [bens!.id] });
    expect(marked.markNotificationsRead[0]!.readAt).not.toBeNull();
    expect(await ok(ben, '{ unreadNotificationCount }')).toEqual({ unreadNotificationCount: 0 });
  });
});
