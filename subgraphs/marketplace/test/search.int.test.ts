import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, startBuildings, type RunningBuildings } from '../../../test/support/buildings.js';
import { encodeCursor } from '@lobby/platform';
import { errorCodes } from '../../../test/support/graphql.js';
import { CATEGORY, neighbourhoods, startMarketplace, type RunningMarketplace } from '../../../test/support/marketplace.js';
import { marketplaceApi } from './marketplace-api.js';

let buildings: RunningBuildings;
let marketplace: RunningMarketplace;
let api: ReturnType<typeof marketplaceApi>;
let db: pg.Client;

// One building with its seller; every search below is scoped to it with `buildingId`, except
// where a test says otherwise.
let sellerId: string;
let buildingId: string;
const ids = new Map<string, string>();

const CATALOGUE: Array<{ title: string; description?: string; priceAmount: number; categoryId?: string; condition?: string }> = [
  { title: 'Xe đạp địa hình', description: 'Khung nhôm, 21 tốc độ.', priceAmount: 2_500_000, categoryId: CATEGORY.bicycles },
  { title: 'Fahrrad für Kinder', description: 'Mit Stützrädern.', priceAmount: 4_000, categoryId: CATEGORY.bicycles, condition: 'FAIR' },
  { title: 'Детский велосипед', description: 'Почти новый.', priceAmount: 3_000, categoryId: CATEGORY.bicycles, condition: 'LIKE_NEW' },
  { title: '自転車 子供用', description: '青い自転車です。', priceAmount: 5_000, categoryId: CATEGORY.bicycles },
  { title: 'Bicicleta roja', description: 'Perfecta para la ciudad.', priceAmount: 6_000, categoryId: CATEGORY.bicycles },
  { title: 'Phone charger', description: 'Fits a bicycle dynamo too.', priceAmount: 500, categoryId: CATEGORY.phones, condition: 'NEW' },
  { title: 'Sofa 50% off', description: 'Grey, three seats.', priceAmount: 10_000 },
  { title: 'Mug snake_case', description: 'For programmers.', priceAmount: 300 },
  { title: 'Lamp back\\slash', description: 'A lamp.', priceAmount: 700 },
  { title: `O'Brien's "quoted" chair`, description: 'Irish oak.', priceAmount: 2_000 },
  { title: 'Table & chairs | set', description: 'Operators in the title.', priceAmount: 20_000 },
];

beforeAll(async () => {
  buildings = await startBuildings();
  marketplace = await startMarketplace(buildings.graphqlUrl);
  api = marketplaceApi(marketplace.graphqlUrl);
  db = new pg.Client({ connectionString: marketplace.databaseUrl });
  await db.connect();
  sellerId = randomUUID();
  buildingId = await neighbourhoods(buildings.graphqlUrl).createBuilding(sellerId);
  for (const entry of CATALOGUE) ids.set(entry.title, (await api.listActive(sellerId, buildingId, { description: '', ...entry })).id);
});

afterAll(async () => {
  await db?.end();
  await marketplace?.close();
  await buildings?.close();
});

const SEARCH = `query($query: String, $filter: ListingFilterInput, $sort: ListingSort, $first: Int, $after: String) {
  listings(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    edges { cursor node { id title price { amount } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
interface Page {
  listings: {
    edges: Array<{ cursor: string; node: { id: string; title: string; price: { amount: number } } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

async function titles(query: string | null, extra: Record<string, unknown> = {}) {
  const page = await api.data<Page>(sellerId, SEARCH, { query, filter: { buildingId }, first: 100, ...extra });
  return page.listings.edges.map((edge) => edge.node.title);
}

describe('full-text search', () => {
  it.each([
    ['địa', 'Xe đạp địa hình'],
    ['ĐẠP', 'Xe đạp địa hình'],
    ['fahrrad', 'Fahrrad für Kinder'],
    ['FÜR', 'Fahrrad für Kinder'],
    ['велосипед', 'Детский велосипед'],
    ['roja bicicleta', 'Bicicleta roja'],
    ['stützrädern', 'Fahrrad für Kinder'],
  ])('finds %j in any language and case', async (query, title) => {
    expect(await titles(query)).toEqual([title]);
  });

  it('finds a part of a word in the title (the trigram index), scripts without spaces included', async () => {
    expect(await titles('fahrr')).toEqual(['Fahrrad für Kinder']);
    expect(await titles('icicl')).toEqual(['Bicicleta roja']);
    expect(await titles('自転')).toEqual(['自転車 子供用']);
  });

  it('ranks a title match above a description match', async () => {
    await api.listActive(sellerId, buildingId, { title: 'Bicycle bell', description: 'Loud.', priceAmount: 100 });
    expect(await titles('bicycle')).toEqual(['Bicycle bell', 'Phone charger']);
    expect(await titles('bicycle', { sort: 'PRICE_DESC' })).toEqual(['Phone charger', 'Bicycle bell']);
  });

  it('needs every word, in any order', async () => {
    expect(await titles('chair oak')).toEqual([`O'Brien's "quoted" chair`]);
    expect(await titles('chair plastic')).toEqual([]);
  });
});

describe('search input is data, never SQL', () => {
  it.each([
    ['%', 'Sofa 50% off'],
    ['50%', 'Sofa 50% off'],
    ['_', 'Mug snake_case'],
    ['snake_case', 'Mug snake_case'],
    ['\\', 'Lamp back\\slash'],
    ["O'Brien", `O'Brien's "quoted" chair`],
    ['"quoted"', `O'Brien's "quoted" chair`],
    ['& chairs |', 'Table & chairs | set'],
  ])('matches %j literally', async (query, title) => {
    expect(await titles(query)).toEqual([title]);
  });

  it.each(["' OR 1=1 --", "'; DROP TABLE listings; --", '!sofa', 'sofa:*', '-sofa -mug', '(', '\\\\%'])('treats %j as text, without an error', async (query) => {
    const result = await api.call<Page>(sellerId, SEARCH, { query, filter: { buildingId } });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.listings.edges.length).toBeLessThanOrEqual(1);
  });

  it('keeps every table after all that', async () => {
    expect(Number((await db.query('SELECT count(*) FROM listings')).rows[0].count)).toBeGreaterThanOrEqual(CATALOGUE.length);
  });

  it('refuses a query over 200 characters', async () => {
    expect(errorCodes(await api.call(sellerId, SEARCH, { query: 'x'.repeat(201) }))).toEqual(['BAD_USER_INPUT']);
  });

  it('uses the GIN indexes for the search predicate', async () => {
    await db.query('ANALYZE listings');
    await db.query('SET enable_seqscan = off');
    try {
      const plan = await db.query(
        "EXPLAIN SELECT id FROM listings l WHERE l.search @@ plainto_tsquery('simple', $1) OR l.title ILIKE $2",
        ['fahrrad', '%fahrr%'],
      );
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toContain('listings_search_index');
      expect(text).toContain('listings_title_trgm_index');
    } finally {
      await db.query('RESET enable_seqscan');
    }
  });
});

describe('filters', () => {
  it('filters by category with its subcategories, price range, condition and seller', async () => {
    expect((await titles(null, { filter: { buildingId, categoryId: CATEGORY.electronics } }))).toEqual(['Phone charger']);
    expect((await titles(null, { filter: { buildingId, categoryId: CATEGORY.bicycles, priceMin: 3_000, priceMax: 5_000 }, sort: 'PRICE_ASC' }))).toEqual([
      'Детский велосипед',
      'Fahrrad für Kinder',
      '自転車 子供用',
    ]);
    expect(await titles(null, { filter: { buildingId, condition: 'LIKE_NEW' } })).toEqual(['Детский велосипед']);
    expect(await titles(null, { filter: { buildingId, sellerId: randomUUID() } })).toEqual([]);
    expect((await titles(null, { filter: { buildingId, sellerId } })).length).toBeGreaterThanOrEqual(CATALOGUE.length);
  });

  it.each([
    ['priceMin', { priceMin: -1 }],
    ['priceMin', { priceMin: 10, priceMax: 5 }],
    ['categoryId', { categoryId: randomUUID() }],
    ['sellerId', { sellerId: 'me' }],
  ])('refuses a bad %s with BAD_USER_INPUT', async (field, filter) => {
    const result = await api.call(sellerId, SEARCH, { filter: { buildingId, ...filter } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.errors?.[0]?.extensions?.field).toBe(field);
  });

  it('costs one statement per page, however many listings match', async () => {
    const { statements } = await countStatements(marketplace.app, () => api.data(sellerId, SEARCH, { query: 'bicycle', filter: { buildingId, categoryId: CATEGORY.bicycles } }));
    // The category tree (read once per request) and the page.
    expect(statements, statements.join('\n')).toHaveLength(2);
  });
});

describe('pages and cursors', () => {
  // Another building, whose member pages; the catalogue's seller sees none of it.
  let pagingBuilding: string;
  const owner = randomUUID();
  const prices = [500, 100, 300, 100, 200, 400, 100, 300, 250, 50, 600, 100];

  beforeAll(async () => {
    pagingBuilding = await neighbourhoods(buildings.graphqlUrl).createBuilding(owner);
    // Equal prices and equal ranks on purpose: the id breaks the ties, so no listing is skipped or repeated.
    for (const [n, priceAmount] of prices.entries()) await api.listActive(owner, pagingBuilding, { title: `Paging lamp ${n}`, priceAmount });
  });

  async function walk(variables: Record<string, unknown>, first: number) {
    const seen: Array<{ title: string; amount: number }> = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard += 1) {
      const page: Page = await api.data<Page>(owner, SEARCH, { ...variables, filter: { buildingId: pagingBuilding }, first, after });
      expect(page.listings.edges.length).toBeLessThanOrEqual(first);
      seen.push(...page.listings.edges.map((edge) => ({ title: edge.node.title, amount: edge.node.price.amount })));
      if (!page.listings.pageInfo.hasNextPage) return seen;
      after = page.listings.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  it.each([
    ['NEWEST', undefined],
    ['PRICE_ASC', undefined],
    ['PRICE_DESC', undefined],
    ['RELEVANCE', 'paging lamp'],
  ])('walks every listing exactly once in %s order, a few at a time', async (sort, query) => {
    const all = await walk({ sort, query }, 100);
    expect(all).toHaveLength(prices.length);
    const paged = await walk({ sort, query }, 5);
    expect(paged).toEqual(all);
    const amounts = all.map((entry) => entry.amount);
    if (sort === 'PRICE_ASC') expect(amounts).toEqual([...prices].sort((a, b) => a - b));
    if (sort === 'PRICE_DESC') expect(amounts).toEqual([...prices].sort((a, b) => b - a));
    if (sort === 'NEWEST') expect(all.map((entry) => entry.title)).toEqual(prices.map((_, n) => `Paging lamp ${n}`).reverse());
  });

  it('has 20 by default, at most 100, and pageInfo like Relay', async () => {
    const page = await api.data<Page>(sellerId, SEARCH, {});
    expect(page.listings.edges.length).toBeLessThanOrEqual(20);
    expect(page.listings.pageInfo.hasPreviousPage).toBe(false);
    expect(page.listings.pageInfo.startCursor).toBe(page.listings.edges[0]?.cursor);
    expect(page.listings.pageInfo.endCursor).toBe(page.listings.edges.at(-1)?.cursor);
    for (const first of [0, -1, 101]) expect(errorCodes(await api.call(sellerId, SEARCH, { first })), `first: ${first}`).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(sellerId, SEARCH, { first: 100 }))).toEqual([]);
  });

  it('refuses a cursor of another sort, search or filter, and an edited one', async () => {
    const page = await api.data<Page>(owner, SEARCH, { filter: { buildingId: pagingBuilding }, sort: 'PRICE_ASC', first: 2 });
    const cursor = page.listings.pageInfo.endCursor;
    expect(cursor).toBeTruthy();
    const refusals = [
      { filter: { buildingId: pagingBuilding }, sort: 'PRICE_DESC', after: cursor },
      { filter: { buildingId: pagingBuilding }, sort: 'PRICE_ASC', query: 'lamp', after: cursor },
      { filter: { buildingId }, sort: 'PRICE_ASC', after: cursor },
      { filter: { buildingId: pagingBuilding }, sort: 'PRICE_ASC', after: `${cursor}x` },
      { filter: { buildingId: pagingBuilding }, sort: 'PRICE_ASC', after: encodeCursor('listings', { s: 'PRICE_ASC', f: 'forged', p: 0, i: randomUUID() }) },
      { filter: { buildingId: pagingBuilding }, sort: 'PRICE_ASC', after: encodeCursor('user-listings', { t: new Date().toISOString(), i: randomUUID() }) },
    ];
    for (const variables of refusals) expect(errorCodes(await api.call(owner, SEARCH, variables)), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    expect((await api.data<Page>(sellerId, SEARCH, { filter: { buildingId: pagingBuilding }, sort: 'PRICE_ASC', after: cursor })).listings.edges).toEqual([]);
  });
});
