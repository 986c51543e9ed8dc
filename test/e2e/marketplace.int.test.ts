// Marketplace through the router, beside identity and buildings: the resident's whole journey,
// tenancy on every path a client (or a forged subgraph call) can take, and the SQL statements a
// page of listings with their sellers and buildings costs each subgraph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { startBuildings, type RunningBuildings } from '../support/buildings.js';
import { dataOf, errorCodes, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { CATEGORY, newListingInput, startMarketplace, type NewListingInput, type RunningMarketplace } from '../support/marketplace.js';
import { startRouter, type RunningRouter } from '../support/router.js';
import { signedPost } from '../support/signed-request.js';
import { startStatementCounter } from '../support/statement-counter.js';

type Counter = Awaited<ReturnType<typeof startStatementCounter>>;
let counters: Record<'identity' | 'buildings' | 'marketplace', Counter>;
let databases: Array<{ drop: () => Promise<void> }>;
let identity: RunningIdentity;
let buildings: RunningBuildings;
let marketplace: RunningMarketplace;
let router: RunningRouter;

beforeAll(async () => {
  // Each subgraph reaches PostgreSQL through a counter of its own, so statements are counted per subgraph.
  counters = { identity: await startStatementCounter(), buildings: await startStatementCounter(), marketplace: await startStatementCounter() };
  const identityDb = counters.identity.databaseUrl('identity');
  const buildingsDb = counters.buildings.databaseUrl('buildings');
  const marketplaceDb = counters.marketplace.databaseUrl('marketplace');
  databases = [identityDb, buildingsDb, marketplaceDb];
  identity = await startIdentity({ DATABASE_URL: identityDb.url });
  // The outbox relays' safety-net poll would add its own statements to a count: only NOTIFY wakes them here.
  const quietRelay = { OUTBOX_POLL_INTERVAL_MS: '3600000' };
  buildings = await startBuildings({ DATABASE_URL: buildingsDb.url, ...quietRelay });
  marketplace = await startMarketplace(buildings.graphqlUrl, { DATABASE_URL: marketplaceDb.url, ...quietRelay });
  router = await startRouter(identity, { SUBGRAPH_URL_BUILDINGS: buildings.graphqlUrl, SUBGRAPH_URL_MARKETPLACE: marketplace.graphqlUrl });
});

afterAll(async () => {
  await router?.close();
  await marketplace?.close();
  await buildings?.close();
  await identity?.close();
  for (const database of databases ?? []) await database.drop();
  for (const counter of Object.values(counters ?? {})) await counter.close();
});

async function as<Data>(session: Session | null, query: string, variables: Record<string, unknown> = {}) {
  return postGraphQL<Data>(router.graphqlUrl, query, { variables, ...(session ? { token: session.accessToken } : {}) });
}

async function ok<Data>(session: Session | null, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return dataOf(await as<Data>(session, query, variables));
}

async function createBuilding(manager: Session, name: string): Promise<string> {
  const slug = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const { createBuilding } = await ok<{ createBuilding: { id: string } }>(manager, 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }', {
    input: { name, slug, address: '1 Main Street', city: 'Hanoi', country: 'VN' },
  });
  return createBuilding.id;
}

async function join(manager: Session, resident: Session, buildingId: string) {
  const { requestMembership } = await ok<{ requestMembership: { id: string } }>(resident, 'mutation($id: ID!) { requestMembership(buildingId: $id) { id } }', { id: buildingId });
  const { approveMembership } = await ok<{ approveMembership: { status: string } }>(manager, 'mutation($id: ID!) { approveMembership(membershipId: $id) { status } }', {
    id: requestMembership.id,
  });
  expect(approveMembership.status).toBe('ACTIVE');
}

async function listActive(seller: Session, buildingId: string, input: Partial<NewListingInput> = {}): Promise<string> {
  const { createListing } = await ok<{ createListing: { id: string; status: string } }>(seller, 'mutation($input: CreateListingInput!) { createListing(input: $input) { id status } }', {
    input: newListingInput(buildingId, input),
  });
  expect(createListing.status).toBe('DRAFT');
  const { publishListing } = await ok<{ publishListing: { status: string } }>(seller, 'mutation($id: ID!) { publishListing(id: $id) { status } }', { id: createListing.id });
  expect(publishListing.status).toBe('ACTIVE');
  return createListing.id;
}

const SEARCH = `query($query: String, $filter: ListingFilterInput, $first: Int, $after: String) {
  listings(query: $query, filter: $filter, first: $first, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } }
}`;
interface SearchPage {
  listings: { edges: Array<{ cursor: string; node: { id: string; title: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('a resident sells to a neighbour, through the router', () => {
  it('creates a building, joins it, lists, finds, pages, favourites, and accepts an offer', async () => {
    const manager = await signUp(router.graphqlUrl, newCredentials('Mai'));
    const seller = await signUp(router.graphqlUrl, newCredentials('Sam'));
    const buildingId = await createBuilding(manager, 'Lotus Tower');
    await join(manager, seller, buildingId);

    const listingId = await listActive(seller, buildingId, {
      title: 'Vintage Gazelle bicycle',
      description: 'Dutch city bike, new tyres, lights work.',
      priceAmount: 1_500_000,
      currency: 'VND',
      categoryId: CATEGORY.bicycles,
    });
    for (const title of ['Rice cooker', 'Bookshelf, white', 'Desk lamp', 'Baby stroller']) await listActive(seller, buildingId, { title });

    // By a word of its title, with the seller's name from identity and the building's from buildings.
    const found = await ok<{ listings: { edges: Array<{ node: { id: string; price: unknown; seller: unknown; building: unknown } }> } }>(
      manager,
      'query($q: String) { listings(query: $q) { edges { node { id price { amount currency } seller { displayName } building { name } } } } }',
      { q: 'gazelle' },
    );
    expect(found.listings.edges).toEqual([
      { node: { id: listingId, price: { amount: 1_500_000, currency: 'VND' }, seller: { displayName: 'Sam' }, building: { name: 'Lotus Tower' } } },
    ]);

    // Paging through the building's listings two at a time: every listing once, newest first.
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: SearchPage = await ok<SearchPage>(manager, SEARCH, { filter: { buildingId }, first: 2, after });
      seen.push(...page.listings.edges.map((edge) => edge.node.title));
      after = page.listings.pageInfo.hasNextPage ? page.listings.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Baby stroller', 'Desk lamp', 'Bookshelf, white', 'Rice cooker', 'Vintage Gazelle bicycle']);

    const favourite = await ok<{ favoriteListing: { id: string; viewerHasFavorited: boolean } }>(manager, 'mutation($id: ID!) { favoriteListing(id: $id) { id viewerHasFavorited } }', {
      id: listingId,
    });
    expect(favourite.favoriteListing).toEqual({ id: listingId, viewerHasFavorited: true });
    const favourites = await ok<{ myFavorites: { edges: Array<{ node: { id: string } }> } }>(manager, '{ myFavorites { edges { node { id } } } }');
    expect(favourites.myFavorites.edges).toEqual([{ node: { id: listingId } }]);

    const offer = await ok<{ makeOffer: { id: string; status: string; amount: number; buyer: { displayName: string } } }>(
      manager,
      'mutation($id: ID!) { makeOffer(listingId: $id, amount: 1200000) { id status amount buyer { displayName } } }',
      { id: listingId },
    );
    expect(offer.makeOffer).toMatchObject({ status: 'PENDING', amount: 1_200_000, buyer: { displayName: 'Mai' } });
    const accepted = await ok<{ acceptOffer: { status: string; listing: { status: string } } }>(seller, 'mutation($id: ID!) { acceptOffer(offerId: $id) { status listing { status } } }', {
      id: offer.makeOffer.id,
    });
    expect(accepted.acceptOffer).toEqual({ status: 'ACCEPTED', listing: { status: 'RESERVED' } });
    const reserved = await ok<{ listing: { status: string } }>(manager, 'query($id: ID!) { listing(id: $id) { status } }', { id: listingId });
    expect(reserved.listing.status).toBe('RESERVED');
  });
});

describe('tenancy: a member of another building', () => {
  let seller: Session;
  let outsider: Session;
  let buildingId: string;
  let hiddenId: string;
  let publicId: string;
  const word = `kayak${Date.now().toString(36)}`;

  beforeAll(async () => {
    const manager = await signUp(router.graphqlUrl, newCredentials('Lan'));
    seller = await signUp(router.graphqlUrl, newCredentials('Duc'));
    outsider = await signUp(router.graphqlUrl, newCredentials('Olga'));
    buildingId = await createBuilding(manager, 'Jade Court');
    await join(manager, seller, buildingId);
    await createBuilding(outsider, 'Other House');
    hiddenId = await listActive(seller, buildingId, { title: `Red ${word} for two` });
    publicId = await listActive(seller, buildingId, { title: `Blue ${word} paddles`, visibility: 'PUBLIC' });
  });

  it('cannot read it by id: NOT_FOUND, exactly like an id that does not exist', async () => {
    const hidden = await as<{ listing: null }>(outsider, 'query($id: ID!) { listing(id: $id) { id title } }', { id: hiddenId });
    const missing = await as<{ listing: null }>(outsider, 'query($id: ID!) { listing(id: $id) { id title } }', { id: '0f0f0f0f-0000-4000-8000-000000000000' });
    expect(hidden.body.data?.listing).toBeNull();
    expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
    expect(hidden.body.errors?.[0]?.message).toBe(missing.body.errors?.[0]?.message);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    // The PUBLIC one is everyone's, even signed out.
    expect((await ok<{ listing: { id: string } }>(null, 'query($id: ID!) { listing(id: $id) { id } }', { id: publicId })).listing.id).toBe(publicId);
  });

  it('cannot find it by search, by filter, or by a cursor taken from a member', async () => {
    const byWord = await ok<SearchPage>(outsider, SEARCH, { query: word });
    expect(byWord.listings.edges.map((edge) => edge.node.id)).toEqual([publicId]);
    const byBuilding = await ok<SearchPage>(outsider, SEARCH, { filter: { buildingId } });
    expect(byBuilding.listings.edges.map((edge) => edge.node.id)).toEqual([publicId]);

    // The seller pages with the same search and filter; the cursor before the hidden listing leads the outsider past nothing.
    const mine = await ok<SearchPage>(seller, SEARCH, { filter: { buildingId }, first: 1 });
    expect(mine.listings.edges[0]?.node.id).toBe(publicId);
    const next = await ok<SearchPage>(outsider, SEARCH, { filter: { buildingId }, first: 1, after: mine.listings.pageInfo.endCursor });
    expect(next.listings.edges).toEqual([]);
    expect((await ok<SearchPage>(seller, SEARCH, { filter: { buildingId }, first: 1, after: mine.listings.pageInfo.endCursor })).listings.edges[0]?.node.id).toBe(hiddenId);
  });

  it('cannot reach it through Building.listings, User.listings or a signed _entities call', async () => {
    const viaBuilding = await ok<{ building: { listings: { edges: Array<{ node: { id: string } }> } } }>(
      outsider,
      'query($id: ID) { building(id: $id) { listings { edges { node { id } } } } }',
      { id: buildingId },
    );
    expect(viaBuilding.building.listings.edges.map((edge) => edge.node.id)).toEqual([publicId]);
    const viaUser = await ok<{ user: { listings: { edges: Array<{ node: { id: string } }> } } }>(outsider, 'query($id: ID!) { user(id: $id) { listings { edges { node { id } } } } }', {
      id: seller.user.id,
    });
    expect(viaUser.user.listings.edges.map((edge) => edge.node.id)).toEqual([publicId]);
    const viaSellerSelf = await ok<{ me: { listings: { edges: Array<{ node: { id: string } }> } } }>(seller, '{ me { listings { edges { node { id } } } } }');
    expect(viaSellerSelf.me.listings.edges.map((edge) => edge.node.id).sort()).toEqual([hiddenId, publicId].sort());

    // As the router would forward it, for the outsider: the hidden listing resolves to null, like an unknown id.
    const entities = await signedPost<{ _entities: Array<{ id: string; title: string } | null> }>(
      marketplace.graphqlUrl,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Listing { id title } } }',
      { r: [{ __typename: 'Listing', id: hiddenId }, { __typename: 'Listing', id: publicId }, { __typename: 'Listing', id: '0f0f0f0f-0000-4000-8000-000000000000' }] },
      { userId: outsider.user.id },
    );
    expect(entities.body.errors).toBeUndefined();
    expect(entities.body.data?._entities).toEqual([null, { id: publicId, title: `Blue ${word} paddles` }, null]);
  });

  it('cannot update, publish, archive, delete, favourite or make an offer on it: NOT_FOUND, and nothing changes', async () => {
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['mutation($id: ID!) { updateListing(id: $id, input: { title: "Mine now" }) { id } }', { id: hiddenId }],
      ['mutation($id: ID!) { publishListing(id: $id) { id } }', { id: hiddenId }],
      ['mutation($id: ID!) { archiveListing(id: $id) { id } }', { id: hiddenId }],
      ['mutation($id: ID!) { markListingSold(id: $id) { id } }', { id: hiddenId }],
      ['mutation($id: ID!) { deleteListing(id: $id) }', { id: hiddenId }],
      ['mutation($id: ID!) { favoriteListing(id: $id) { id } }', { id: hiddenId }],
      ['mutation($id: ID!) { makeOffer(listingId: $id, amount: 1) { id } }', { id: hiddenId }],
    ];
    for (const [query, variables] of attempts) expect(errorCodes(await as(outsider, query, variables)), query).toEqual(['NOT_FOUND']);
    const unchanged = await ok<{ listing: { title: string; status: string } }>(seller, 'query($id: ID!) { listing(id: $id) { title status } }', { id: hiddenId });
    expect(unchanged.listing).toEqual({ title: `Red ${word} for two`, status: 'ACTIVE' });
    // A PUBLIC listing is visible, so changing it is FORBIDDEN rather than NOT_FOUND.
    expect(errorCodes(await as(outsider, 'mutation($id: ID!) { deleteListing(id: $id) }', { id: publicId }))).toEqual(['FORBIDDEN']);
  });

  it('cannot create a listing in a building it does not belong to', async () => {
    const result = await as(outsider, 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }', { input: newListingInput(buildingId) });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});

describe('no N+1', () => {
  const PAGE = `query($buildingId: ID, $first: Int) {
    listings(filter: { buildingId: $buildingId }, first: $first) { edges { node { id title seller { id displayName } building { id name } } } }
  }`;

  it('resolves a page of 50 listings with sellers and buildings in one statement per subgraph and plan level, whatever the page size', async () => {
    const manager = await signUp(router.graphqlUrl, newCredentials('Bao'));
    const sellers = [manager, await signUp(router.graphqlUrl, newCredentials('Chi')), await signUp(router.graphqlUrl, newCredentials('Hoa'))];
    const buildingIds = [await createBuilding(manager, 'Pearl One'), await createBuilding(manager, 'Pearl Two')];
    for (const buildingId of buildingIds) for (const seller of sellers.slice(1)) await join(manager, seller, buildingId);
    for (let n = 0; n < 50; n += 1) {
      await listActive(sellers[n % 3]!, buildingIds[n % 2]!, { title: `Thing number ${n}`, visibility: n % 5 === 0 ? 'PUBLIC' : 'BUILDING' });
    }

    async function measure(first: number) {
      const { identity: id, buildings: bu, marketplace: mp } = counters;
      let result!: { listings: { edges: Array<{ node: { seller: { displayName: string }; building: { name: string } } }> } };
      const marketplaceCount = await mp.count(async () => {
        const buildingsCount = await bu.count(async () => {
          const identityCount = await id.count(async () => {
            result = await ok(sellers[1]!, PAGE, { first });
          });
          return identityCount.statements;
        });
        return buildingsCount;
      });
      const buildingsStatements = marketplaceCount.result.statements;
      const identityStatements = marketplaceCount.result.result.filter((sql) => !sql.includes('signing_keys'));
      return { result, marketplace: marketplaceCount.statements, buildings: buildingsStatements, identity: identityStatements };
    }

    const fifty = await measure(50);
    expect(fifty.result.listings.edges).toHaveLength(50);
    expect(new Set(fifty.result.listings.edges.map((edge) => edge.node.seller.displayName))).toEqual(new Set(['Bao', 'Chi', 'Hoa']));
    expect(new Set(fifty.result.listings.edges.map((edge) => edge.node.building.name))).toEqual(new Set(['Pearl One', 'Pearl Two']));

    // marketplace: the page itself, one statement (sellers and buildings are references, no SQL).
    expect(fifty.marketplace, fifty.marketplace.join('\n')).toHaveLength(1);
    // identity: `_entities` for every seller of the page, one statement.
    expect(fifty.identity, fifty.identity.join('\n')).toHaveLength(1);
    // buildings: `_entities` for every building of the page (one statement), plus marketplace's one
    // membership lookup for the request (User.buildings; it asks only each building's id, which
    // the membership row already holds).
    expect(fifty.buildings, fifty.buildings.join('\n')).toHaveLength(2);
    expect(fifty.buildings.filter((sql) => sql.includes('"memberships"'))).toHaveLength(1);

    const ten = await measure(10);
    expect(ten.result.listings.edges).toHaveLength(10);
    expect([ten.marketplace.length, ten.identity.length, ten.buildings.length]).toEqual([fifty.marketplace.length, fifty.identity.length, fifty.buildings.length]);
  });
});
