#!/usr/bin/env node
// `pnpm seed` (which builds first): a deterministic demo and benchmark data set in the local
// databases `pnpm start` uses (POSTGRES_URL + LOBBY_DATABASE_PREFIX, as there), written through
// identity's, buildings', marketplace's and media's own database modules, entities and rules.
//
//   pnpm seed [--users 5000] [--buildings 50] [--listings 50000] [--seed 1] [--reset]
//
// Refuses to write over an earlier seed unless --reset, which removes the seeded users, buildings
// the listings in them and their photos (and nothing else). Every seed user signs in as
// seed-user-00001@lobby.test … with the password `lobby-seed-password`.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readDotenv } from './lib/secrets.mjs';
import { SEED_DEFAULTS, SEED_PASSWORD, planSeed, seedEmail } from './lib/seed/plan.mjs';
import { SeedExistsError, writeSeed } from './lib/seed/write.mjs';
import { planServices } from './lib/services.mjs';
import { readSupergraphConfig, repoRoot } from './lib/workspace.mjs';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: String(SEED_DEFAULTS.users) },
    buildings: { type: 'string', default: String(SEED_DEFAULTS.buildings) },
    listings: { type: 'string', default: String(SEED_DEFAULTS.listings) },
    seed: { type: 'string', default: String(SEED_DEFAULTS.seed) },
    reset: { type: 'boolean', default: false },
  },
});

const env = { ...readDotenv(process.env.LOBBY_ENV_FILE || join(repoRoot, '.env')), ...process.env };
// The same database URLs `pnpm start` gives each subgraph.
const databaseUrls = Object.fromEntries(
  planServices({ root: repoRoot, config: readSupergraphConfig(repoRoot), env })
    .services.filter((service) => service.databaseUrl)
    .map((service) => [service.name, service.databaseUrl]),
);

const started = Date.now();
const say = (line) => console.log(`[seed] ${line}`);
try {
  const plan = planSeed({ users: Number(values.users), buildings: Number(values.buildings), listings: Number(values.listings), seed: values.seed });
  say(
    `planned ${plan.users.length} users, ${plan.buildings.length} buildings, ${plan.memberships.length} memberships, ` +
      `${plan.listings.length} listings, ${plan.photos.length} photos, ${plan.offers.length} offers, ${plan.favourites.length} favourites (seed ${values.seed}) in ${Date.now() - started} ms`,
  );
  await writeSeed(plan, databaseUrls, { reset: values.reset, log: say });
  say(`✓ done in ${((Date.now() - started) / 1000).toFixed(1)} s; sign in as ${seedEmail(1)} … ${seedEmail(plan.users.length)} with "${SEED_PASSWORD}"`);
} catch (error) {
  console.error(`[seed] ✗ ${error instanceof SeedExistsError ? error.message : (error.stack ?? error)}`);
  process.exit(1);
}
