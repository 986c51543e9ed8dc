// The marketplace scenarios' data: whether marketplace exists yet, the seed (`pnpm seed`'s own
// script, into the bench databases), signed-in neighbours, and the feed and search requests.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../scripts/lib/workspace.mjs';
import { runToEnd } from '../processes.mjs';
import { pool, signIn } from './client.mjs';
import { DATABASE_PREFIX } from './stack.mjs';

// scripts/lib/seed/plan.mjs: every seed user's password and email pattern.
const SEED_PASSWORD = 'lobby-seed-password';
const seedEmail = (n) => `seed-user-${String(n).padStart(5, '0')}@lobby.test`;

/**
 * null when the scenario can run; otherwise why not (marketplace is another issue's work).
 * `inStack`: whether supergraph.yaml lists it, so that the stack started it.
 */
export function marketplaceMissing(inStack, root = repoRoot) {
  const main = join(root, 'subgraphs', 'marketplace', 'dist', 'main.js');
  if (!existsSync(main)) return `${main} does not exist (marketplace not built, or not there yet)`;
  if (!inStack) return 'supergraph.yaml lists no marketplace subgraph';
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
  if (!scripts.seed || !existsSync(join(root, 'scripts', 'seed.mjs'))) return '`pnpm seed` (scripts/seed.mjs) does not exist yet';
  return null;
}

/** `pnpm seed`'s script (without its build) on the bench databases; returns its last line. */
export async function seed({ users, buildings, listings }, cpus) {
  const stdout = await runToEnd({
    command: 'taskset',
    args: ['-c', cpus, process.execPath, join(repoRoot, 'scripts', 'seed.mjs'), '--users', String(users), '--buildings', String(buildings), '--listings', String(listings)],
    // The bench's databases, and no developer .env in the way.
    env: { LOBBY_DATABASE_PREFIX: DATABASE_PREFIX, LOBBY_ENV_FILE: join(repoRoot, 'bench', '.no-env') },
    timeoutMs: 180_000,
  });
  return stdout.trim().split('\n').at(-1);
}

/** Sessions of the first `count` seed users: residents who see their building's listings. */
export const signInNeighbours = (routerUrl, count) =>
  pool(Array.from({ length: count }, (_, i) => seedEmail(i + 1)), 4, (email) => signIn(routerUrl, { email, password: SEED_PASSWORD }));

// A listing card: seller and building names from identity and buildings, and its photos (1–3 per
// seeded listing) as thumbnails — the variants at most 320 px wide, with signed URLs from media.
export const listingCard = (variants = 'variants(maxWidth: 320)') =>
  `id title price { amount currency } photos { id ${variants} { format width url } } seller { displayName } building { name }`;
const LISTING_CARD = listingCard();
const FEED = `query Feed { listings(first: 20) { edges { cursor node { ${LISTING_CARD} } } pageInfo { hasNextPage endCursor } } }`;
const SEARCH = `query Search($query: String!) { listings(query: $query, first: 20) { edges { cursor node { ${LISTING_CARD} } } pageInfo { hasNextPage endCursor } } }`;
// Words of the seed's catalogue (scripts/lib/seed/catalogue.mjs) found in several languages' titles.
const KEYWORDS = ['sofa', 'lego', 'tablet', 'laptop', 'monitor', 'bicicleta', 'smartphone', 'yoga'];

export const feedRequests = (viewers) => viewers.map(({ token }) => ({ token, body: JSON.stringify({ query: FEED }) }));

/** Viewers × keywords, interleaved so neighbouring requests differ in both. */
export const searchRequests = (viewers) =>
  viewers.map(({ token }, i) => ({ token, body: JSON.stringify({ query: SEARCH, variables: { query: KEYWORDS[i % KEYWORDS.length] } }) }));
