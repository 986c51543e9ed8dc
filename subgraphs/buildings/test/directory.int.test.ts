import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, startBuildings, type RunningBuildings } from '../../../test/support/buildings.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { buildingsDatabase } from '../src/database.js';
import { CREATE_BUILDING, buildingsApi, newBuildingInput, type CreatedBuilding } from './buildings-api.js';

let buildings: RunningBuildings;
let api: ReturnType<typeof buildingsApi>;
let db: pg.Client;

beforeAll(async () => {
  buildings = await startBuildings();
  api = buildingsApi(buildings.graphqlUrl);
  db = new pg.Client({ connectionString: buildings.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await buildings?.close();
});

const token = () => randomBytes(4).toString('hex');
const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].count);

interface DirectoryPage {
  buildings: { edges: Array<{ cursor: string; node: { id: string; name: string; slug: string; memberCount: number } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const DIRECTORY = `query($search: String, $first: Int, $after: String) {
  buildings(search: $search, first: $first, after: $after) {
    edges { cursor node { id name slug memberCount } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function search(term: string, first?: number) {
  const result = await api.data<DirectoryPage>(null, DIRECTORY, { search: term, first });
  return result.buildings.edges.map((edge) => edge.node.name);
}

describe('createBuilding', () => {
  it('creates the building with its creator as first active manager', async () => {
    const managerId = randomUUID();
    const building = await api.createBuilding(managerId, { slug: `Maple-Court-${token()}`, country: 'de' });
    expect(building).toMatchObject({ name: 'Maple Court', country: 'DE', memberCount: 1 });
    expect(building.slug).toMatch(/^maple-court-[0-9a-f]{8}$/);
    const membership = await api.data<{ myBuildings: Array<{ status: string; role: string; building: { id: string } }> }>(
      managerId,
      '{ myBuildings { status role building { id } } }',
    );
    expect(membership.myBuildings).toEqual([{ status: 'ACTIVE', role: 'MANAGER', building: { id: building.id } }]);
  });

  it('gives a new building the default branding', async () => {
    const building = await api.createBuilding(randomUUID());
    const result = await api.data<{ building: { branding: unknown; createdAt: string } }>(null, 'query($id: ID) { building(id: $id) { branding { accentColor logoMediaId } createdAt } }', { id: building.id });
    expect(result.building.branding).toEqual({ accentColor: '#2563eb', logoMediaId: null });
  });

  it('refuses a signed-out caller with UNAUTHENTICATED and creates nothing', async () => {
    const before = await count('SELECT count(*) FROM buildings');
    expect(errorCodes(await api.call(null, CREATE_BUILDING, { input: newBuildingInput() }))).toEqual(['UNAUTHENTICATED']);
    expect(await count('SELECT count(*) FROM buildings')).toBe(before);
  });

  it.each([
    ['a two-letter slug', { slug: 'ab' }, 'slug'],
    ['a slug with an underscore', { slug: 'maple_court' }, 'slug'],
    ['a 61-character slug', { slug: 'a'.repeat(61) }, 'slug'],
    ['a three-letter country', { country: 'DEU' }, 'country'],
    ['a reserved country code', { country: 'EU' }, 'country'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a 101-character name', { name: 'x'.repeat(101) }, 'name'],
    ['an empty address', { address: '' }, 'address'],
    ['an empty city', { city: '' }, 'city'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and creates nothing', async (_name, change, field) => {
    const before = await count('SELECT count(*) FROM buildings');
    const result = await api.call(randomUUID(), CREATE_BUILDING, { input: newBuildingInput(change) });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.errors![0]!.extensions!.field).toBe(field);
    expect(await count('SELECT count(*) FROM buildings')).toBe(before);
    expect(await count('SELECT count(*) FROM memberships WHERE building_id NOT IN (SELECT id FROM buildings)')).toBe(0);
  });

  it('refuses a taken slug with CONFLICT, whatever its case, and when two creations race', async () => {
    const slug = `taken-${token()}`;
    await api.createBuilding(randomUUID(), { slug });
    expect(errorCodes(await api.call(randomUUID(), CREATE_BUILDING, { input: newBuildingInput({ slug: slug.toUpperCase() }) }))).toEqual(['CONFLICT']);

    const raced = `raced-${token()}`;
    const results = await Promise.all([1, 2, 3].map(() => api.call(randomUUID(), CREATE_BUILDING, { input: newBuildingInput({ slug: raced }) })));
    expect(results.filter((result) => result.body.data?.createBuilding).length).toBe(1);
    expect(results.flatMap(errorCodes)).toEqual(['CONFLICT', 'CONFLICT']);
    expect(await count('SELECT count(*) FROM memberships m JOIN buildings b ON b.id = m.building_id WHERE b.slug = $1', [raced])).toBe(1);
  });
});

describe('building(id | slug)', () => {
  it('finds a building by id or by slug, for anyone', async () => {
    const created = await api.createBuilding(randomUUID());
    const byId = await api.data<{ building: { slug: string } }>(null, 'query($id: ID) { building(id: $id) { slug } }', { id: created.id });
    const bySlug = await api.data<{ building: { id: string } }>(null, 'query($s: String) { building(slug: $s) { id } }', { s: created.slug.toUpperCase() });
    expect(byId.building.slug).toBe(created.slug);
    expect(bySlug.building.id).toBe(created.id);
  });

  it('answers null for an unknown building and BAD_USER_INPUT for a malformed id or an ambiguous question', async () => {
    expect(await api.data(null, 'query($id: ID) { building(id: $id) { id } }', { id: randomUUID() })).toEqual({ building: null });
    expect(errorCodes(await api.call(null, '{ building(id: "1 OR 1=1") { id } }'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(null, '{ building { id } }'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(null, `{ building(id: "${randomUUID()}", slug: "abc") { id } }`))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('the public directory', () => {
  it('pages with opaque cursors, in slug order, without gaps or repeats', async () => {
    const tag = `Paging ${token()}`;
    const created: CreatedBuilding[] = [];
    for (let n = 0; n < 5; n += 1) created.push(await api.createBuilding(randomUUID(), { name: `${tag} ${n}` }));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: DirectoryPage = await api.data<DirectoryPage>(null, DIRECTORY, { search: tag, first: 2, after });
      pages += 1;
      seen.push(...page.buildings.edges.map((edge) => edge.node.slug));
      expect(page.buildings.pageInfo.endCursor).toBe(page.buildings.edges.at(-1)?.cursor ?? null);
      if (!page.buildings.pageInfo.hasNextPage) break;
      after = page.buildings.pageInfo.endCursor;
      expect(after).not.toContain('slug');
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(created.map((building) => building.slug).sort());
  });

  it('defaults to 20 a page, allows 100 and refuses more with BAD_USER_INPUT', async () => {
    for (let n = 0; n < 21; n += 1) await api.createBuilding(randomUUID());
    expect((await api.data<DirectoryPage>(null, DIRECTORY)).buildings.edges).toHaveLength(20);
    expect((await api.data<DirectoryPage>(null, DIRECTORY, { first: 100 })).buildings.edges.length).toBeGreaterThan(20);
    for (const first of [101, 0, -1]) {
      const result = await api.call(null, DIRECTORY, { first });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.body.errors![0]!.message).toBe('first must be between 1 and 100.');
    }
  });

  it('refuses a forged or foreign cursor with BAD_USER_INPUT', async () => {
    for (const after of ['not-a-cursor', Buffer.from('{"k":"member","v":{"slug":"a"}}').toString('base64url'), "' OR 1=1 --"]) {
      expect(errorCodes(await api.call(null, DIRECTORY, { after }))).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('matches the name or the city in any case', async () => {
    const tag = token();
    await api.createBuilding(randomUUID(), { name: `Linden Hof ${tag}`, city: 'Hamburg' });
    await api.createBuilding(randomUUID(), { name: `Harbour View ${tag}`, city: `Port ${tag}` });
    expect((await search(`LINDEN HOF ${tag}`)).length).toBe(1);
    expect(await search(`port ${tag.toUpperCase()}`)).toEqual([`Harbour View ${tag}`]);
  });

  it('treats %, _, backslashes and quotes as plain characters', async () => {
    const tag = token();
    const names = [`Tower 100% ${tag}`, `Tower 1000 ${tag}`, `A_B ${tag}`, `AxB ${tag}`, `O'Brien "Court" ${tag}`, `Back\\slash ${tag}`, `Backslash ${tag}`];
    for (const name of names) await api.createBuilding(randomUUID(), { name });
    expect(await search(`100% ${tag}`)).toEqual([`Tower 100% ${tag}`]);
    expect(await search(`A_B ${tag}`)).toEqual([`A_B ${tag}`]);
    expect(await search(`O'Brien "Court" ${tag}`)).toEqual([`O'Brien "Court" ${tag}`]);
    expect(await search(`Back\\slash ${tag}`)).toEqual([`Back\\slash ${tag}`]);
    expect(await search('%')).toEqual([`Tower 100% ${tag}`]);
    expect(await search(`'; DROP TABLE buildings; --`)).toEqual([]);
    expect(await count('SELECT count(*) FROM buildings')).toBeGreaterThan(0);
  });

  it('refuses a search longer than 100 characters', async () => {
    expect(errorCodes(await api.call(null, DIRECTORY, { search: 'x'.repeat(101) }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('_entities', () => {
  it('gives anyone the public fields of a building, and null for an unknown or malformed id', async () => {
    const created = await api.createBuilding(randomUUID());
    const result = await api.data<{ _entities: Array<{ id: string; name: string; memberCount: number } | null> }>(
      null,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Building { id name slug city country memberCount branding { accentColor } } } }',
      { r: [{ __typename: 'Building', id: created.id }, { __typename: 'Building', id: randomUUID() }, { __typename: 'Building', id: 'nope' }] },
    );
    expect(result._entities[0]).toMatchObject({ id: created.id, name: created.name, memberCount: 1 });
    expect(result._entities.slice(1)).toEqual([null, null]);
  });

  it('reads a building by reference or id with the same fields as createBuilding returned (an entity)', async () => {
    const fields = 'id name slug address city country createdAt branding { accentColor logoMediaId }';
    const { createBuilding: created } = await api.data<{ createBuilding: { id: string } }>(randomUUID(), `mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { ${fields} } }`, {
      input: newBuildingInput({ name: 'Ngõ 12 "Hoa Sữa"' }),
    });
    const byReference = await api.data<{ _entities: unknown[] }>(null, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Building { ${fields} } } }`, {
      r: [{ __typename: 'Building', id: created.id }],
    });
    const byId = await api.data<{ building: unknown }>(null, `query($id: ID) { building(id: $id) { ${fields} } }`, { id: created.id });
    expect(byReference._entities).toEqual([created]);
    expect(byId.building).toEqual(created);
  });

  it('resolves a batch of 20 buildings with memberCount in two SQL statements', async () => {
    const created: CreatedBuilding[] = [];
    for (let n = 0; n < 20; n += 1) {
      const managerId = randomUUID();
      const building = await api.createBuilding(managerId);
      // Different counts per building, so a mix-up between buildings would show.
      for (let member = 0; member < n % 3; member += 1) await api.join(managerId, building.id);
      created.push(building);
    }
    const { result, statements } = await countStatements(buildings.app, () =>
      api.data<{ _entities: Array<{ id: string; memberCount: number }> }>(
        null,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Building { id name memberCount } } }',
        { r: created.map((building) => ({ __typename: 'Building', id: building.id })) },
      ),
    );
    expect(result._entities.map((building) => building.id)).toEqual(created.map((building) => building.id));
    expect(result._entities.map((building) => building.memberCount)).toEqual(created.map((_building, n) => 1 + (n % 3)));
    // One SELECT of the 20 buildings, one grouped COUNT of their active members.
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/from "buildings"/);
    expect(statements[1]).toMatch(/count\(\*\)/);
  });

  it('counts members for a whole directory page in one statement', async () => {
    const { result, statements } = await countStatements(buildings.app, () => api.data<DirectoryPage>(null, DIRECTORY, { first: 50 }));
    expect(result.buildings.edges.length).toBeGreaterThan(20);
    expect(statements).toHaveLength(2);
  });
});

describe('HTTP caching', () => {
  it("marks every answer no-store, as Apollo's cache-control plugin did: data, a refusal, an invalid query", async () => {
    const answers = [
      await api.call(null, DIRECTORY, { first: 1 }),
      await api.call(null, DIRECTORY, { search: 'x'.repeat(101) }),
      await api.call(null, '{ noSuchField }'),
      await api.call(null, '{ __typename }'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 400, 200]);
    expect(answers.map((answer) => answer.headers.get('cache-control'))).toEqual(['no-store', 'no-store', 'no-store', 'no-store']);
  });
});

describe('storage', () => {
  it('has migrations that match the entities exactly', async () => {
    const orm = await buildingsDatabase.open(buildings.databaseUrl, 1);
    try {
      expect(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await orm.close();
    }
  });
});
