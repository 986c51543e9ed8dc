// `node scripts/seed.mjs` for real, with a small data set, into databases of this test's own
// (LOBBY_DATABASE_PREFIX), then the subgraphs serving what it wrote. Needs the build (`pnpm test` builds first).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { dropDatabase } from '@lobby/platform';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../subgraphs/identity/src/auth/password.js';
import { startBuildings, type RunningBuildings } from '../test/support/buildings.js';
import { startMarketplace, type RunningMarketplace } from '../test/support/marketplace.js';
import { signedPost } from '../test/support/signed-request.js';
import { SEED_PASSWORD, planSeed, seedEmail } from './lib/seed/plan.mjs';

const run = promisify(execFile);
const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const prefix = `lobby_test_seed_${randomBytes(4).toString('hex')}_`;
const databaseUrl = (name: string) => `${POSTGRES}/${prefix}${name}`;
const sizes = { users: 60, buildings: 3, listings: 400, seed: 11 };
const args = ['--users', '60', '--buildings', '3', '--listings', '400', '--seed', '11'];

function seed(extra: string[] = []) {
  return run(process.execPath, [fileURLToPath(new URL('./seed.mjs', import.meta.url)), ...args, ...extra], {
    env: { ...process.env, POSTGRES_URL: `${POSTGRES}/postgres`, LOBBY_DATABASE_PREFIX: prefix, LOBBY_ENV_FILE: '/nonexistent/.env' },
  });
}

async function query(name: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const digest = async () =>
  (await query('marketplace', "SELECT md5(string_agg(id || title || price_amount || status || listed_at::text, ',' ORDER BY id)) AS d FROM listings"))[0].d as string;

let firstDigest: string;

beforeAll(async () => {
  const { stdout } = await seed();
  expect(stdout).toMatch(/✓ done in/);
  firstDigest = await digest();
}, 120_000);

afterAll(async () => {
  for (const name of ['identity', 'buildings', 'marketplace']) await dropDatabase(databaseUrl(name));
});

describe('pnpm seed', () => {
  it('writes exactly the planned data set into each subgraph database', async () => {
    const plan = planSeed(sizes);
    const count = async (name: string, table: string) => Number((await query(name, `SELECT count(*) FROM ${table}`))[0].count);
    expect(await count('identity', 'users')).toBe(plan.users.length);
    expect(await count('buildings', 'buildings')).toBe(plan.buildings.length);
    expect(await count('buildings', 'memberships')).toBe(plan.memberships.length);
    expect(await count('marketplace', 'listings')).toBe(plan.listings.length);
    expect(await count('marketplace', 'offers')).toBe(plan.offers.length);
    expect(await count('marketplace', 'favourites')).toBe(plan.favourites.length);
    const [first] = await query('marketplace', 'SELECT id, title FROM listings WHERE id = $1', [plan.listings[0]!.id]);
    expect(first).toEqual({ id: plan.listings[0]!.id, title: plan.listings[0]!.title });
  });

  it('refuses to write over a seed, and --reset writes the same data again', async () => {
    await expect(seed()).rejects.toMatchObject({ stderr: expect.stringMatching(/already hold seed data/) });
    await seed(['--reset']);
    expect(await digest()).toBe(firstDigest);
  }, 120_000);

  it('gives every seed user the documented password', async () => {
    const [user] = await query('identity', 'SELECT password_hash FROM users WHERE email = $1', [seedEmail(7)]);
    expect(await verifyPassword(user.password_hash, SEED_PASSWORD)).toBe(true);
    expect(await verifyPassword(user.password_hash, 'another password')).toBe(false);
  });
});

describe('the seeded data, served by the subgraphs', () => {
  let buildings: RunningBuildings;
  let marketplace: RunningMarketplace;

  beforeAll(async () => {
    buildings = await startBuildings({ DATABASE_URL: databaseUrl('buildings') });
    marketplace = await startMarketplace(buildings.graphqlUrl, { DATABASE_URL: databaseUrl('marketplace') });
  });

  afterAll(async () => {
    await marketplace?.close();
    await buildings?.close();
  });

  it("lets a seed resident search the marketplace, seeing only their buildings' listings and public ones", async () => {
    const [member] = await query('buildings', "SELECT user_id, building_id FROM memberships WHERE status = 'ACTIVE' AND role = 'RESIDENT' ORDER BY user_id LIMIT 1");
    const result = await signedPost<{ listings: { edges: Array<{ node: { id: string; visibility: string; building: { id: string } } }> } }>(
      marketplace.graphqlUrl,
      '{ listings(first: 100) { edges { node { id visibility building { id } } } } }',
      {},
      { userId: member.user_id },
    );
    expect(result.body.errors).toBeUndefined();
    const nodes = result.body.data!.listings.edges.map((edge) => edge.node);
    const mine = new Set((await query('buildings', "SELECT building_id FROM memberships WHERE user_id = $1 AND status = 'ACTIVE'", [member.user_id])).map((row) => row.building_id));
    expect(nodes.length).toBeGreaterThan(50);
    for (const node of nodes) expect(node.visibility === 'PUBLIC' || mine.has(node.building.id)).toBe(true);
    expect(nodes.some((node) => node.visibility === 'BUILDING')).toBe(true);
  });
});
