import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, startBuildings, type RunningBuildings } from '../../../test/support/buildings.js';
import { errorCodes } from '../../../test/support/graphql.js';
import {
  CATEGORY,
  CREATE_LISTING,
  LISTING,
  LISTING_FIELDS,
  LISTINGS,
  PUBLISH_LISTING,
  neighbourhoods,
  newListingInput,
  startMarketplace,
  type ListingResult,
  type RunningMarketplace,
} from '../../../test/support/marketplace.js';
import { signedPost } from '../../../test/support/signed-request.js';
import { smallPng } from '../../../test/support/images.js';
import { signedMediaClient, startMedia, type RunningMedia } from '../../../test/support/media.js';
import { marketplaceDatabase } from '../src/database.js';
import { marketplaceApi } from './marketplace-api.js';

let buildings: RunningBuildings;
let media: RunningMedia;
let marketplace: RunningMarketplace;
let api: ReturnType<typeof marketplaceApi>;
let hoods: ReturnType<typeof neighbourhoods>;
let db: pg.Client;

beforeAll(async () => {
  buildings = await startBuildings();
  media = await startMedia();
  marketplace = await startMarketplace(buildings.graphqlUrl, { MEDIA_SUBGRAPH_URL: media.graphqlUrl });
  api = marketplaceApi(marketplace.graphqlUrl);
  hoods = neighbourhoods(buildings.graphqlUrl);
  db = new pg.Client({ connectionString: marketplace.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await marketplace?.close();
  await media?.close();
  await buildings?.close();
});

/** A photo the seller uploaded to media (PROCESSING: no worker runs here). */
async function photoOf(sellerId: string): Promise<string> {
  return (await signedMediaClient(media, sellerId).upload(await smallPng(), 'image/png')).id;
}

/** A building with its manager, a resident (the seller), and a member of another building. */
async function neighbourhood() {
  const managerId = randomUUID();
  const sellerId = randomUUID();
  const outsiderId = randomUUID();
  const buildingId = await hoods.createBuilding(managerId);
  await hoods.join(managerId, buildingId, sellerId);
  const otherBuildingId = await hoods.createBuilding(outsiderId, 'Elm House');
  return { managerId, sellerId, outsiderId, buildingId, otherBuildingId };
}

const listingCount = async () => Number((await db.query('SELECT count(*) FROM listings')).rows[0].count);
const UPDATE = 'mutation($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id title description price { amount currency } status visibility photoIds } }';
const ARCHIVE = 'mutation($id: ID!) { archiveListing(id: $id) { id status } }';
const SOLD = 'mutation($id: ID!) { markListingSold(id: $id) { id status } }';
const DELETE = 'mutation($id: ID!) { deleteListing(id: $id) }';

describe('creating a listing', () => {
  it('makes a DRAFT with normalised fields that only its seller sees', async () => {
    const { sellerId, managerId, buildingId } = await neighbourhood();
    const photo = await photoOf(sellerId);
    const draft = await api.createListing(sellerId, buildingId, {
      title: '  Oak   dining table ',
      description: 'Seats six.\r\nPick up only.',
      currency: 'eur',
      priceAmount: 0,
      photoIds: [photo.toUpperCase()],
    });
    expect(draft).toMatchObject({
      title: 'Oak dining table',
      description: 'Seats six.\nPick up only.',
      status: 'DRAFT',
      visibility: 'BUILDING',
      condition: 'GOOD',
      photoIds: [photo],
      price: { amount: 0, currency: 'EUR' },
      category: { id: CATEGORY.furniture, slug: 'furniture' },
      seller: { id: sellerId },
      building: { id: buildingId },
    });
    expect((await api.data<{ listing: ListingResult }>(sellerId, LISTING, { id: draft.id })).listing.status).toBe('DRAFT');
    // A fellow member does not see a draft, by id or in any list.
    expect(errorCodes(await api.call(managerId, LISTING, { id: draft.id }))).toEqual(['NOT_FOUND']);
    const drafts = await api.data<{ listings: { edges: unknown[] } }>(managerId, LISTINGS, { filter: { status: 'DRAFT', buildingId } });
    expect(drafts.listings.edges).toEqual([]);
    const mine = await api.data<{ listings: { edges: Array<{ node: { id: string } }> } }>(sellerId, LISTINGS, { filter: { status: 'DRAFT', buildingId } });
    expect(mine.listings.edges.map((edge) => edge.node.id)).toEqual([draft.id]);
  });

  it.each([
    ['title', { title: 'ab' }],
    ['title', { title: 'x'.repeat(121) }],
    ['description', { description: 'x'.repeat(5001) }],
    ['priceAmount', { priceAmount: -1 }],
    ['currency', { currency: 'EURO' }],
    ['currency', { currency: 'XTS' }],
    ['categoryId', { categoryId: randomUUID() }],
    ['categoryId', { categoryId: 'furniture' }],
    ['photoIds', { photoIds: Array.from({ length: 11 }, () => randomUUID()) }],
    ['photoIds', { photoIds: ['photo.jpg'] }],
    ['buildingId', { buildingId: "1' OR '1'='1" }],
  ])('refuses a bad %s with BAD_USER_INPUT and creates nothing', async (field, input) => {
    const { sellerId, buildingId } = await neighbourhood();
    const before = await listingCount();
    const result = await api.call(sellerId, CREATE_LISTING, { input: newListingInput(buildingId, input) });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.errors?.[0]?.extensions?.field).toBe(field);
    expect(await listingCount()).toBe(before);
  });

  it('is only for ACTIVE members of the building: UNAUTHENTICATED signed out, FORBIDDEN for others and pending members', async () => {
    const { managerId, outsiderId, buildingId } = await neighbourhood();
    const pendingId = randomUUID();
    await signedPost(buildings.graphqlUrl, 'mutation($id: ID!) { requestMembership(buildingId: $id) { id } }', { id: buildingId }, { userId: pendingId });
    const before = await listingCount();
    expect(errorCodes(await api.call(null, CREATE_LISTING, { input: newListingInput(buildingId) }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.call(outsiderId, CREATE_LISTING, { input: newListingInput(buildingId) }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.call(pendingId, CREATE_LISTING, { input: newListingInput(buildingId) }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.call(managerId, CREATE_LISTING, { input: newListingInput(randomUUID()) }))).toEqual(['FORBIDDEN']);
    expect(await listingCount()).toBe(before);
    await api.createListing(managerId, buildingId);
    expect(await listingCount()).toBe(before + 1);
  });
});

describe('the status lifecycle', () => {
  it('goes DRAFT → ACTIVE → ARCHIVED → ACTIVE → SOLD, refusing every other move with BAD_USER_INPUT', async () => {
    const { sellerId, buildingId } = await neighbourhood();
    const draft = await api.createListing(sellerId, buildingId);
    expect(errorCodes(await api.call(sellerId, SOLD, { id: draft.id }))).toEqual(['BAD_USER_INPUT']);
    const active = await api.publish(sellerId, draft.id);
    expect(active.status).toBe('ACTIVE');
    expect(new Date(active.listedAt).getTime()).toBeGreaterThan(new Date(draft.listedAt).getTime());
    expect(errorCodes(await api.call(sellerId, PUBLISH_LISTING, { id: draft.id }))).toEqual(['BAD_USER_INPUT']);
    expect((await api.data<{ archiveListing: { status: string } }>(sellerId, ARCHIVE, { id: draft.id })).archiveListing.status).toBe('ARCHIVED');
    expect((await api.publish(sellerId, draft.id)).status).toBe('ACTIVE');
    expect((await api.data<{ markListingSold: { status: string } }>(sellerId, SOLD, { id: draft.id })).markListingSold.status).toBe('SOLD');
    for (const query of [PUBLISH_LISTING, ARCHIVE, SOLD, DELETE]) expect(errorCodes(await api.call(sellerId, query, { id: draft.id })), query).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(sellerId, UPDATE, { id: draft.id, input: { title: 'Changed' } }))).toEqual(['BAD_USER_INPUT']);
    expect((await db.query('SELECT status FROM listings WHERE id = $1', [draft.id])).rows[0].status).toBe('SOLD');
  });

  it('lets the seller edit, and only the fields given', async () => {
    const { sellerId, buildingId } = await neighbourhood();
    const listing = await api.listActive(sellerId, buildingId, { photoIds: [await photoOf(sellerId)] });
    const { updateListing } = await api.data<{ updateListing: ListingResult }>(sellerId, UPDATE, {
      id: listing.id,
      input: { title: 'Oak table, extendable', priceAmount: 9_900, visibility: 'PUBLIC', photoIds: [] },
    });
    expect(updateListing).toMatchObject({ title: 'Oak table, extendable', description: listing.description, price: { amount: 9_900, currency: 'EUR' }, visibility: 'PUBLIC', photoIds: [], status: 'ACTIVE' });
    expect(errorCodes(await api.call(sellerId, UPDATE, { id: listing.id, input: { title: 'no' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('deletes a listing with its favourites and offers', async () => {
    const { sellerId, managerId, buildingId } = await neighbourhood();
    const listing = await api.listActive(sellerId, buildingId);
    await api.data(managerId, 'mutation($id: ID!) { favoriteListing(id: $id) { id } }', { id: listing.id });
    await api.data(managerId, 'mutation($id: ID!) { makeOffer(listingId: $id, amount: 100) { id } }', { id: listing.id });
    expect((await api.data<{ deleteListing: string }>(sellerId, DELETE, { id: listing.id })).deleteListing).toBe(listing.id);
    expect(errorCodes(await api.call(sellerId, LISTING, { id: listing.id }))).toEqual(['NOT_FOUND']);
    const left = await db.query('SELECT (SELECT count(*) FROM favourites WHERE listing_id = $1) + (SELECT count(*) FROM offers WHERE listing_id = $1) AS n', [listing.id]);
    expect(Number(left.rows[0].n)).toBe(0);
    expect(errorCodes(await api.call(sellerId, DELETE, { id: listing.id }))).toEqual(['NOT_FOUND']);
  });
});

describe('who may change a listing', () => {
  it('is the seller alone: FORBIDDEN for members who see it, NOT_FOUND for everyone else, and nothing changes', async () => {
    const { sellerId, managerId, outsiderId, buildingId } = await neighbourhood();
    const listing = await api.listActive(sellerId, buildingId);
    const draft = await api.createListing(sellerId, buildingId);
    const changes: Array<[string, Record<string, unknown>]> = [
      [UPDATE, { id: listing.id, input: { title: 'Taken over' } }],
      [PUBLISH_LISTING, { id: listing.id }],
      [ARCHIVE, { id: listing.id }],
      [SOLD, { id: listing.id }],
      [DELETE, { id: listing.id }],
    ];
    for (const [query, variables] of changes) {
      expect(errorCodes(await api.call(managerId, query, variables)), `member: ${query}`).toEqual(['FORBIDDEN']);
      expect(errorCodes(await api.call(outsiderId, query, variables)), `outsider: ${query}`).toEqual(['NOT_FOUND']);
      expect(errorCodes(await api.call(null, query, variables)), `signed out: ${query}`).toEqual(['UNAUTHENTICATED']);
      // A draft is the seller's alone: even a member of its building gets NOT_FOUND.
      expect(errorCodes(await api.call(managerId, query, { ...variables, id: draft.id })), `member on a draft: ${query}`).toEqual(['NOT_FOUND']);
    }
    const row = (await db.query('SELECT title, status FROM listings WHERE id = $1', [listing.id])).rows[0];
    expect(row).toEqual({ title: listing.title, status: 'ACTIVE' });
  });

  it('answers BAD_USER_INPUT for a malformed id and NOT_FOUND for an unknown one', async () => {
    const userId = randomUUID();
    expect(errorCodes(await api.call(userId, LISTING, { id: 'nope' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(userId, DELETE, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
  });
});

describe('tenancy follows membership as it changes', () => {
  it('hides a building listing from a resident the moment they leave, and stops a seller who left from publishing there', async () => {
    const { managerId, sellerId, buildingId } = await neighbourhood();
    const listing = await api.listActive(managerId, buildingId);
    const draft = await api.createListing(sellerId, buildingId);
    expect((await api.data<{ listing: { id: string } }>(sellerId, LISTING, { id: listing.id })).listing.id).toBe(listing.id);
    await hoods.leave(sellerId, buildingId);
    expect(errorCodes(await api.call(sellerId, LISTING, { id: listing.id }))).toEqual(['NOT_FOUND']);
    // Their own draft stays theirs to see, but they may no longer show it to the building.
    expect((await api.data<{ listing: { id: string } }>(sellerId, LISTING, { id: draft.id })).listing.id).toBe(draft.id);
    expect(errorCodes(await api.call(sellerId, PUBLISH_LISTING, { id: draft.id }))).toEqual(['FORBIDDEN']);
  });

  it('shows PUBLIC listings to everyone, signed out too, and BUILDING ones to nobody outside', async () => {
    const { sellerId, outsiderId, buildingId } = await neighbourhood();
    const open = await api.listActive(sellerId, buildingId, { visibility: 'PUBLIC' });
    const closed = await api.listActive(sellerId, buildingId);
    for (const viewer of [null, outsiderId]) {
      expect((await api.data<{ listing: { id: string } }>(viewer, LISTING, { id: open.id })).listing.id).toBe(open.id);
      expect(errorCodes(await api.call(viewer, LISTING, { id: closed.id }))).toEqual(['NOT_FOUND']);
      const page = await api.data<{ listings: { edges: Array<{ node: { id: string } }> } }>(viewer, LISTINGS, { filter: { buildingId } });
      expect(page.listings.edges.map((edge) => edge.node.id)).toEqual([open.id]);
    }
  });
});

describe('federation', () => {
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Listing { id title } } }';

  it('resolves Listing references only where the caller may see them, null otherwise (like unknown ids)', async () => {
    const { sellerId, managerId, outsiderId, buildingId } = await neighbourhood();
    const open = await api.listActive(sellerId, buildingId, { visibility: 'PUBLIC' });
    const closed = await api.listActive(sellerId, buildingId);
    const draft = await api.createListing(sellerId, buildingId);
    const representations = [open, closed, draft].map(({ id }) => ({ __typename: 'Listing', id })).concat({ __typename: 'Listing', id: randomUUID() });
    const seenBy = async (userId: string | null) =>
      (await api.data<{ _entities: Array<{ id: string } | null> }>(userId, ENTITIES, { r: representations }))._entities.map((entity) => entity?.id ?? null);
    expect(await seenBy(null)).toEqual([open.id, null, null, null]);
    expect(await seenBy(outsiderId)).toEqual([open.id, null, null, null]);
    expect(await seenBy(managerId)).toEqual([open.id, closed.id, null, null]);
    expect(await seenBy(sellerId)).toEqual([open.id, closed.id, draft.id, null]);
  });

  it('answers User.listings and Building.listings for a batch of references in one statement', async () => {
    const { managerId, sellerId, buildingId } = await neighbourhood();
    const otherSellerId = randomUUID();
    await hoods.join(managerId, buildingId, otherSellerId);
    for (const seller of [sellerId, sellerId, otherSellerId, managerId]) await api.listActive(seller, buildingId);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on User { id listings(first: 1) { edges { node { seller { id } } } pageInfo { hasNextPage } } }
      ... on Building { id listings(first: 10) { edges { node { id } } } }
    } }`;
    const users = [sellerId, otherSellerId, managerId, randomUUID()].map((id) => ({ __typename: 'User', id }));
    const { result, statements } = await countStatements(marketplace.app, () =>
      api.data<{ _entities: Array<{ listings: { edges: Array<{ node: { seller?: { id: string }; id?: string } }>; pageInfo?: { hasNextPage: boolean } } }> }>(managerId, query, {
        r: [...users, { __typename: 'Building', id: buildingId }],
      }),
    );
    const entities = result._entities;
    expect(entities.slice(0, 4).map((user) => [user.listings.edges.map((edge) => edge.node.seller?.id), user.listings.pageInfo?.hasNextPage])).toEqual([
      [[sellerId], true],
      [[otherSellerId], false],
      [[managerId], false],
      [[], false],
    ]);
    expect(entities[4]?.listings.edges).toHaveLength(4);
    // One window query for the four users, one for the building.
    expect(statements, statements.join('\n')).toHaveLength(2);
  });

  it('pages User.listings with cursors of its own', async () => {
    const { sellerId, buildingId } = await neighbourhood();
    const ids = [];
    for (let n = 0; n < 3; n += 1) ids.push((await api.listActive(sellerId, buildingId, { title: `Item ${n}` })).id);
    const query = 'query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on User { listings(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }';
    type Page = { _entities: Array<{ listings: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }> };
    const first = await api.data<Page>(sellerId, query, { r: [{ __typename: 'User', id: sellerId }] });
    const second = await api.data<Page>(sellerId, query, { r: [{ __typename: 'User', id: sellerId }], after: first._entities[0]!.listings.pageInfo.endCursor });
    expect([...first._entities[0]!.listings.edges, ...second._entities[0]!.listings.edges].map((edge) => edge.node.id)).toEqual(ids.reverse());
    expect(second._entities[0]!.listings.pageInfo.hasNextPage).toBe(false);
    const wrong = await api.call(sellerId, query, { r: [{ __typename: 'User', id: sellerId }], after: 'bm9wZQ' });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('every path to a listing', () => {
  it('gives the same fields: by id (an entity), in lists, on its seller and building, among favourites', async () => {
    const { sellerId, managerId, buildingId } = await neighbourhood();
    const listing = await api.listActive(sellerId, buildingId, { title: 'Ghế gỗ "Sồi" 50% off', photoIds: [await photoOf(sellerId)], visibility: 'PUBLIC' });
    await api.data(sellerId, 'mutation($id: ID!) { favoriteListing(id: $id) { id } }', { id: listing.id });
    await api.data(managerId, 'mutation($id: ID!) { makeOffer(listingId: $id, amount: 100) { id } }', { id: listing.id });
    const fields = `${LISTING_FIELDS} category { id slug name parent { id } } viewerHasFavorited offers { id amount buyer { id } }`;
    const nodes = <Data>(data: Data, pick: (data: Data) => { edges: Array<{ node: unknown }> }) => pick(data).edges.map((edge) => edge.node);
    const byId = (await api.data<{ listing: unknown }>(sellerId, `query($id: ID!) { listing(id: $id) { ${fields} } }`, { id: listing.id })).listing;
    const listed = await api.data<{ listings: { edges: Array<{ node: unknown }> } }>(sellerId, `query($b: ID) { listings(filter: { buildingId: $b }) { edges { node { ${fields} } } } }`, {
      b: buildingId,
    });
    const parents = await api.data<{ _entities: Array<{ listings: { edges: Array<{ node: unknown }> } }> }>(
      sellerId,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { listings { edges { node { ${fields} } } } } ... on Building { listings { edges { node { ${fields} } } } } } }`,
      { r: [{ __typename: 'User', id: sellerId }, { __typename: 'Building', id: buildingId }] },
    );
    const favourites = await api.data<{ myFavorites: { edges: Array<{ node: unknown }> } }>(sellerId, `{ myFavorites { edges { node { ${fields} } } } }`);
    expect(byId).toMatchObject({ id: listing.id, viewerHasFavorited: true, offers: [{ amount: 100, buyer: { id: managerId } }] });
    expect(nodes(listed, (data) => data.listings)).toEqual([byId]);
    expect(parents._entities.map((parent) => nodes(parent, (data) => data.listings))).toEqual([[byId], [byId]]);
    expect(nodes(favourites, (data) => data.myFavorites)).toEqual([byId]);
  });
});

describe('categories and storage', () => {
  it('serves the seeded category tree, each category after its parent', async () => {
    const { categories } = await api.data<{ categories: Array<{ id: string; slug: string; parent: { slug: string } | null; children: Array<{ slug: string }> }> }>(
      null,
      '{ categories { id slug parent { slug } children { slug } } }',
    );
    expect(categories.length).toBeGreaterThan(20);
    expect(categories[0]).toMatchObject({ id: CATEGORY.electronics, slug: 'electronics', parent: null });
    expect(categories[1]).toMatchObject({ id: CATEGORY.phones, slug: 'electronics-phones', parent: { slug: 'electronics' } });
    expect(categories[0]!.children.map((child) => child.slug)).toContain('electronics-phones');
    const seen = new Set<string>();
    for (const category of categories) {
      if (category.parent) expect(seen.has(category.parent.slug), category.slug).toBe(true);
      seen.add(category.slug);
    }
  });

  it('has migrations that match the entities exactly', async () => {
    const orm = await marketplaceDatabase.open(marketplace.databaseUrl, 1);
    try {
      expect(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await orm.close();
    }
  });

  it('refuses a negative price even from SQL', async () => {
    await expect(db.query('UPDATE listings SET price_amount = -1')).rejects.toThrow(/listings_price_amount_check/);
  });
});
