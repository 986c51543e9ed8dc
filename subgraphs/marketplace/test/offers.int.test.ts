import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuildings, type RunningBuildings } from '../../../test/support/buildings.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { LISTING, neighbourhoods, startMarketplace, type RunningMarketplace } from '../../../test/support/marketplace.js';
import { marketplaceApi } from './marketplace-api.js';

let buildings: RunningBuildings;
let marketplace: RunningMarketplace;
let api: ReturnType<typeof marketplaceApi>;
let hoods: ReturnType<typeof neighbourhoods>;
let db: pg.Client;

beforeAll(async () => {
  buildings = await startBuildings();
  marketplace = await startMarketplace(buildings.graphqlUrl);
  api = marketplaceApi(marketplace.graphqlUrl);
  hoods = neighbourhoods(buildings.graphqlUrl);
  db = new pg.Client({ connectionString: marketplace.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await marketplace?.close();
  await buildings?.close();
});

/** An ACTIVE listing of a seller, with `buyers` ACTIVE members of the same building, and a member of another building. */
async function market(buyers = 2) {
  const sellerId = randomUUID();
  const buildingId = await hoods.createBuilding(sellerId);
  const buyerIds = Array.from({ length: buyers }, () => randomUUID());
  for (const buyerId of buyerIds) await hoods.join(sellerId, buildingId, buyerId);
  const outsiderId = randomUUID();
  await hoods.createBuilding(outsiderId, 'Elsewhere');
  const listing = await api.listActive(sellerId, buildingId, { priceAmount: 10_000 });
  return { sellerId, buildingId, buyerIds, outsiderId, listing };
}

interface OfferResult {
  id: string;
  status: string;
  amount: number;
  currency: string;
  buyer: { id: string };
  listing: { id: string; status: string } | null;
}
const OFFER_FIELDS = 'id status amount currency buyer { id } listing { id status }';
const MAKE = `mutation($id: ID!, $amount: Int!) { makeOffer(listingId: $id, amount: $amount) { ${OFFER_FIELDS} } }`;
const ACCEPT = `mutation($id: ID!) { acceptOffer(offerId: $id) { ${OFFER_FIELDS} } }`;
const DECLINE = `mutation($id: ID!) { declineOffer(offerId: $id) { ${OFFER_FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawOffer(offerId: $id) { ${OFFER_FIELDS} } }`;
const LISTING_OFFERS = 'query($id: ID!) { listing(id: $id) { status offers { id status buyer { id } } } }';

const makeOffer = async (buyerId: string, listingId: string, amount = 8_000) => (await api.data<{ makeOffer: OfferResult }>(buyerId, MAKE, { id: listingId, amount })).makeOffer;
const statuses = async (listingId: string) =>
  Object.fromEntries((await db.query('SELECT id, status FROM offers WHERE listing_id = $1', [listingId])).rows.map((row) => [row.id, row.status]));
const listingStatus = async (listingId: string) => (await db.query('SELECT status FROM listings WHERE id = $1', [listingId])).rows[0].status as string;

describe('making offers', () => {
  it('makes a PENDING offer in the listing currency, one pending offer per buyer', async () => {
    const { buyerIds, listing } = await market(1);
    const offer = await makeOffer(buyerIds[0]!, listing.id);
    expect(offer).toMatchObject({ status: 'PENDING', amount: 8_000, currency: 'EUR', buyer: { id: buyerIds[0] }, listing: { id: listing.id, status: 'ACTIVE' } });
    expect(errorCodes(await api.call(buyerIds[0]!, MAKE, { id: listing.id, amount: 9_000 }))).toEqual(['CONFLICT']);
    await api.data(buyerIds[0]!, WITHDRAW, { id: offer.id });
    expect((await makeOffer(buyerIds[0]!, listing.id, 9_000)).status).toBe('PENDING');
  });

  it('refuses offers on your own listing, on a listing you may not see, on drafts, and bad amounts', async () => {
    const { sellerId, buildingId, buyerIds, outsiderId, listing } = await market(1);
    const draft = await api.createListing(sellerId, buildingId);
    expect(errorCodes(await api.call(sellerId, MAKE, { id: listing.id, amount: 1 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(outsiderId, MAKE, { id: listing.id, amount: 1 }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await api.call(buyerIds[0]!, MAKE, { id: draft.id, amount: 1 }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await api.call(buyerIds[0]!, MAKE, { id: listing.id, amount: -1 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(null, MAKE, { id: listing.id, amount: 1 }))).toEqual(['UNAUTHENTICATED']);
    expect(await statuses(listing.id)).toEqual({});
  });

  it('shows every offer to the seller, each buyer only their own, and nobody else any', async () => {
    const { sellerId, buyerIds, listing } = await market(3);
    const [a, b] = [await makeOffer(buyerIds[0]!, listing.id), await makeOffer(buyerIds[1]!, listing.id)];
    const seen = async (userId: string) =>
      (await api.data<{ listing: { offers: Array<{ id: string }> } }>(userId, LISTING_OFFERS, { id: listing.id })).listing.offers.map((offer) => offer.id);
    expect(await seen(sellerId)).toEqual([b.id, a.id]);
    expect(await seen(buyerIds[0]!)).toEqual([a.id]);
    expect(await seen(buyerIds[2]!)).toEqual([]);
    const mine = await api.data<{ myOffers: { edges: Array<{ node: { id: string; listing: { id: string } } }> } }>(buyerIds[1]!, '{ myOffers { edges { node { id listing { id } } } } }');
    expect(mine.myOffers.edges).toEqual([{ node: { id: b.id, listing: { id: listing.id } } }]);
  });
});

describe('deciding on offers', () => {
  it('accepting one reserves the listing and declines the other pending offers, together', async () => {
    const { sellerId, buyerIds, listing } = await market(3);
    const offers = [];
    for (const buyerId of buyerIds) offers.push(await makeOffer(buyerId, listing.id));
    await api.data(buyerIds[2]!, WITHDRAW, { id: offers[2]!.id });
    const accepted = (await api.data<{ acceptOffer: OfferResult }>(sellerId, ACCEPT, { id: offers[1]!.id })).acceptOffer;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', listing: { status: 'RESERVED' } });
    expect(await statuses(listing.id)).toEqual({ [offers[0]!.id]: 'DECLINED', [offers[1]!.id]: 'ACCEPTED', [offers[2]!.id]: 'WITHDRAWN' });
    // A reserved listing takes no new offers, and an offer is decided once.
    expect(errorCodes(await api.call(buyerIds[0]!, MAKE, { id: listing.id, amount: 20_000 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(sellerId, ACCEPT, { id: offers[0]!.id }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(sellerId, ACCEPT, { id: offers[1]!.id }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(sellerId, DECLINE, { id: offers[1]!.id }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets only the seller accept or decline and only the buyer withdraw; anyone else gets NOT_FOUND', async () => {
    const { sellerId, buyerIds, outsiderId, listing } = await market(2);
    const offer = await makeOffer(buyerIds[0]!, listing.id);
    expect(errorCodes(await api.call(buyerIds[0]!, ACCEPT, { id: offer.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.call(buyerIds[0]!, DECLINE, { id: offer.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.call(sellerId, WITHDRAW, { id: offer.id }))).toEqual(['FORBIDDEN']);
    for (const stranger of [buyerIds[1]!, outsiderId, randomUUID()]) {
      for (const query of [ACCEPT, DECLINE, WITHDRAW]) expect(errorCodes(await api.call(stranger, query, { id: offer.id })), query).toEqual(['NOT_FOUND']);
    }
    expect(errorCodes(await api.call(sellerId, ACCEPT, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(await statuses(listing.id)).toEqual({ [offer.id]: 'PENDING' });
    expect((await api.data<{ declineOffer: OfferResult }>(sellerId, DECLINE, { id: offer.id })).declineOffer.status).toBe('DECLINED');
  });

  it('puts the listing back on sale when the buyer withdraws an accepted offer', async () => {
    const { sellerId, buyerIds, listing } = await market(1);
    const offer = await makeOffer(buyerIds[0]!, listing.id);
    await api.data(sellerId, ACCEPT, { id: offer.id });
    const withdrawn = (await api.data<{ withdrawOffer: OfferResult }>(buyerIds[0]!, WITHDRAW, { id: offer.id })).withdrawOffer;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', listing: { status: 'ACTIVE' } });
    expect(errorCodes(await api.call(buyerIds[0]!, WITHDRAW, { id: offer.id }))).toEqual(['BAD_USER_INPUT']);
  });

  it('declines pending offers when the seller archives or marks the listing sold', async () => {
    const { sellerId, buyerIds, listing } = await market(1);
    const offer = await makeOffer(buyerIds[0]!, listing.id);
    await api.data(sellerId, 'mutation($id: ID!) { markListingSold(id: $id) { id } }', { id: listing.id });
    expect(await statuses(listing.id)).toEqual({ [offer.id]: 'DECLINED' });
    expect(await listingStatus(listing.id)).toBe('SOLD');
  });

  it('accepts exactly one of two offers accepted at the same instant', async () => {
    const { sellerId, buyerIds, listing } = await market(4);
    const offers = [];
    for (const buyerId of buyerIds) offers.push(await makeOffer(buyerId, listing.id));
    const results = await Promise.all(offers.map((offer) => api.call<{ acceptOffer: OfferResult }>(sellerId, ACCEPT, { id: offer.id })));
    const accepted = results.filter((result) => result.body.data?.acceptOffer?.status === 'ACCEPTED');
    expect(accepted).toHaveLength(1);
    for (const result of results.filter((candidate) => candidate.body.errors)) expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const final = Object.values(await statuses(listing.id)).sort();
    expect(final).toEqual(['ACCEPTED', 'DECLINED', 'DECLINED', 'DECLINED']);
    expect(await listingStatus(listing.id)).toBe('RESERVED');
  });

  it('leaves no pending offer behind when offers race an acceptance', async () => {
    const { sellerId, buyerIds, listing } = await market(6);
    const first = await makeOffer(buyerIds[0]!, listing.id);
    const racing = await Promise.all([
      api.call(sellerId, ACCEPT, { id: first.id }),
      ...buyerIds.slice(1).map((buyerId) => api.call<{ makeOffer: OfferResult }>(buyerId, MAKE, { id: listing.id, amount: 9_000 })),
    ]);
    expect(racing[0]!.body.errors).toBeUndefined();
    for (const result of racing.slice(1)) expect(errorCodes(result).every((code) => code === 'BAD_USER_INPUT')).toBe(true);
    expect(Object.values(await statuses(listing.id))).not.toContain('PENDING');
    expect(await listingStatus(listing.id)).toBe('RESERVED');
  });
});

describe('favourites', () => {
  const FAVOURITE = 'mutation($id: ID!) { favoriteListing(id: $id) { id viewerHasFavorited } }';
  const UNFAVOURITE = 'mutation($id: ID!) { unfavoriteListing(id: $id) }';
  const MINE = 'query($first: Int, $after: String) { myFavorites(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }';
  type Mine = { myFavorites: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };

  it('saves once however often (and however concurrently) it is asked, and forgets on request', async () => {
    const { buyerIds, listing } = await market(1);
    const results = await Promise.all(Array.from({ length: 5 }, () => api.call<{ favoriteListing: { viewerHasFavorited: boolean } }>(buyerIds[0]!, FAVOURITE, { id: listing.id })));
    expect(results.map((result) => result.body.data?.favoriteListing.viewerHasFavorited)).toEqual([true, true, true, true, true]);
    expect(Number((await db.query('SELECT count(*) FROM favourites WHERE listing_id = $1', [listing.id])).rows[0].count)).toBe(1);
    expect((await api.data<{ listing: { viewerHasFavorited: boolean } }>(buyerIds[0]!, 'query($id: ID!) { listing(id: $id) { viewerHasFavorited } }', { id: listing.id })).listing.viewerHasFavorited).toBe(true);
    expect((await api.data<{ unfavoriteListing: boolean }>(buyerIds[0]!, UNFAVOURITE, { id: listing.id })).unfavoriteListing).toBe(true);
    expect((await api.data<{ unfavoriteListing: boolean }>(buyerIds[0]!, UNFAVOURITE, { id: listing.id })).unfavoriteListing).toBe(false);
    expect((await api.data<Mine>(buyerIds[0]!, MINE)).myFavorites.edges).toEqual([]);
  });

  it('pages favourites, most recently saved first, and hides what the user may no longer see', async () => {
    const { sellerId, buildingId, buyerIds } = await market(1);
    const listings = [];
    for (let n = 0; n < 5; n += 1) listings.push(await api.listActive(sellerId, buildingId, { title: `Saved ${n}`, visibility: n === 0 ? 'PUBLIC' : 'BUILDING' }));
    for (const listing of listings) await api.data(buyerIds[0]!, FAVOURITE, { id: listing.id });
    const first = await api.data<Mine>(buyerIds[0]!, MINE, { first: 3 });
    const second = await api.data<Mine>(buyerIds[0]!, MINE, { first: 3, after: first.myFavorites.pageInfo.endCursor });
    expect([...first.myFavorites.edges, ...second.myFavorites.edges].map((edge) => edge.node.id)).toEqual(listings.map((listing) => listing.id).reverse());
    expect([first.myFavorites.pageInfo.hasNextPage, second.myFavorites.pageInfo.hasNextPage]).toEqual([true, false]);

    await hoods.leave(buyerIds[0]!, buildingId);
    expect((await api.data<Mine>(buyerIds[0]!, MINE)).myFavorites.edges.map((edge) => edge.node.id)).toEqual([listings[0]!.id]);
    expect(errorCodes(await api.call(buyerIds[0]!, LISTING, { id: listings[1]!.id }))).toEqual(['NOT_FOUND']);
  });

  it('refuses a listing the user may not see with NOT_FOUND, and signed-out callers with UNAUTHENTICATED', async () => {
    const { outsiderId, listing } = await market(0);
    expect(errorCodes(await api.call(outsiderId, FAVOURITE, { id: listing.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await api.call(null, FAVOURITE, { id: listing.id }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.call(null, MINE))).toEqual(['UNAUTHENTICATED']);
    expect(Number((await db.query('SELECT count(*) FROM favourites WHERE listing_id = $1', [listing.id])).rows[0].count)).toBe(0);
  });
});
