import { domainEventStream, parseDomainEvent, type AnyDomainEvent } from '@lobby/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { startBuildings, type RunningBuildings } from '../support/buildings.js';
import { startChat, type RunningChat } from '../support/chat.js';
import { uniqueRedisPrefix } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { dataOf, errorCodes, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { newListingInput, startMarketplace, type RunningMarketplace } from '../support/marketplace.js';
import { startRouter, type RunningRouter } from '../support/router.js';

// What the producing subgraphs publish when users act through the router: the right events, with
// the right actor and ids, once per change, and nothing for a change that was refused.
const keyPrefix = uniqueRedisPrefix('events');
const shared = { REDIS_KEY_PREFIX: keyPrefix };
let identity: RunningIdentity;
let buildings: RunningBuildings;
let marketplace: RunningMarketplace;
let chat: RunningChat;
let router: RunningRouter;
let redis: Redis;
let sara: Session;
let bao: Session;
let cy: Session;

beforeAll(async () => {
  identity = await startIdentity();
  buildings = await startBuildings(shared);
  marketplace = await startMarketplace(buildings.graphqlUrl, shared);
  chat = await startChat({ MARKETPLACE_SUBGRAPH_URL: marketplace.graphqlUrl, ...shared });
  router = await startRouter(identity, { SUBGRAPH_URL_BUILDINGS: buildings.graphqlUrl, SUBGRAPH_URL_MARKETPLACE: marketplace.graphqlUrl, SUBGRAPH_URL_CHAT: chat.graphqlUrl });
  [sara, bao, cy] = await Promise.all([signUp(router.graphqlUrl, newCredentials('Sara')), signUp(router.graphqlUrl, newCredentials('Bao')), signUp(router.graphqlUrl, newCredentials('Cy'))]);
  redis = new Redis();
});

afterAll(async () => {
  redis?.disconnect();
  await router?.close();
  await chat?.close();
  await marketplace?.close();
  await buildings?.close();
  await identity?.close();
});

async function ok<Data>(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return dataOf(await postGraphQL<Data>(router.graphqlUrl, query, { token: session.accessToken, variables }));
}

async function published(): Promise<AnyDomainEvent[]> {
  const entries = await redis.xrange(domainEventStream(keyPrefix), '-', '+');
  return entries.map(([, fields]) => parseDomainEvent(JSON.parse(fields[1]!)));
}

/** The next `count` events after those already seen, once they are all on the stream. */
async function nextEvents(seen: number, count: number): Promise<AnyDomainEvent[]> {
  const events = await eventually(async () => {
    const all = await published();
    expect(all.length).toBeGreaterThanOrEqual(seen + count);
    return all;
  });
  return events.slice(seen);
}

describe('domain events from the producing subgraphs', () => {
  it('publishes membership, marketplace and chat events with their actor and ids, once per change', async () => {
    const { createBuilding } = await ok<{ createBuilding: { id: string } }>(sara, 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }', {
      input: { name: 'Lotus Tower', slug: `lotus-${Date.now().toString(36)}`, address: '2 River Road', city: 'Hanoi', country: 'VN' },
    });
    const buildingId = createBuilding.id;

    const { requestMembership } = await ok<{ requestMembership: { id: string } }>(bao, 'mutation($id: ID!) { requestMembership(buildingId: $id) { id } }', { id: buildingId });
    await ok(bao, 'mutation($id: ID!) { requestMembership(buildingId: $id) { id } }', { id: buildingId }); // asking again changes nothing
    await ok(sara, 'mutation($id: ID!) { approveMembership(membershipId: $id) { id } }', { id: requestMembership.id });
    await ok(sara, 'mutation($id: ID!) { approveMembership(membershipId: $id) { id } }', { id: requestMembership.id }); // nor does approving again
    const membership = { membershipId: requestMembership.id, buildingId, userId: bao.user.id };
    expect(await nextEvents(0, 2)).toMatchObject([
      { type: 'buildings.membership.requested', actorId: bao.user.id, data: { ...membership, managerIds: [sara.user.id] } },
      { type: 'buildings.membership.approved', actorId: sara.user.id, data: membership },
    ]);

    const { createListing } = await ok<{ createListing: { id: string } }>(sara, 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }', {
      input: newListingInput(buildingId, { visibility: 'PUBLIC', title: 'Blue city bike' }),
    });
    const listingId = createListing.id;
    await ok(sara, 'mutation($id: ID!) { publishListing(id: $id) { id } }', { id: listingId });
    await ok(bao, 'mutation($id: ID!) { favoriteListing(id: $id) { id } }', { id: listingId });
    await ok(bao, 'mutation($id: ID!) { favoriteListing(id: $id) { id } }', { id: listingId }); // saved already: no second event
    const refused = await postGraphQL(router.graphqlUrl, 'mutation($id: ID!) { makeOffer(listingId: $id, amount: 100) { id } }', { token: sara.accessToken, variables: { id: listingId } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']); // one's own listing: refused, so no event
    const offer = (session: Session, amount: number) =>
      ok<{ makeOffer: { id: string } }>(session, 'mutation($id: ID!, $amount: Int!) { makeOffer(listingId: $id, amount: $amount) { id } }', { id: listingId, amount });
    const baoOffer = (await offer(bao, 9000)).makeOffer.id;
    const cyOffer = (await offer(cy, 8000)).makeOffer.id;
    await ok(sara, 'mutation($id: ID!) { acceptOffer(offerId: $id) { id } }', { id: baoOffer });
    await ok(sara, 'mutation($id: ID!) { markListingSold(id: $id) { id } }', { id: listingId });
    const listing = { listingId, buildingId, sellerId: sara.user.id };
    expect(await nextEvents(2, 6)).toMatchObject([
      { type: 'marketplace.listing.favorited', actorId: bao.user.id, data: { ...listing, userId: bao.user.id } },
      { type: 'marketplace.offer.made', actorId: bao.user.id, data: { ...listing, offerId: baoOffer, buyerId: bao.user.id } },
      { type: 'marketplace.offer.made', actorId: cy.user.id, data: { ...listing, offerId: cyOffer, buyerId: cy.user.id } },
      { type: 'marketplace.offer.accepted', actorId: sara.user.id, data: { ...listing, offerId: baoOffer, buyerId: bao.user.id } },
      { type: 'marketplace.offer.declined', actorId: sara.user.id, data: { ...listing, offerId: cyOffer, buyerId: cy.user.id } },
      { type: 'marketplace.listing.sold', actorId: sara.user.id, data: { ...listing, buyerId: bao.user.id } },
    ]);

    const { startConversation } = await ok<{ startConversation: { id: string } }>(bao, 'mutation($id: ID!) { startConversation(withUserId: $id) { id } }', { id: sara.user.id });
    const send = { conversationId: startConversation.id, body: `Is it still available? ${'!'.repeat(200)}`, clientMessageId: 'first' };
    const { sendMessage } = await ok<{ sendMessage: { id: string } }>(bao, 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: send });
    await ok(bao, 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: send }); // a retried send is the same message
    const [sent] = await nextEvents(8, 1);
    expect(sent).toMatchObject({
      type: 'chat.message.sent',
      actorId: bao.user.id,
      data: { conversationId: startConversation.id, messageId: sendMessage.id, recipientIds: [sara.user.id] },
    });
    expect(sent!.type === 'chat.message.sent' && sent!.data.preview).toMatch(/^Is it still available\? !+…$/);

    // Nothing else was published, and every event carries an id of its own.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const all = await published();
    expect(all).toHaveLength(9);
    expect(new Set(all.map((event) => event.id)).size).toBe(9);
  });
});
