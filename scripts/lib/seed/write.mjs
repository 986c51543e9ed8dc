// Writes a planned data set through each subgraph's own code: its database module (which creates
// the database and runs its migrations), its entities, and its validation rules, so seeded rows are
// rows the services themselves would have written. Rows go in as multi-row INSERTs, a few thousand
// at a time: the GraphQL API would cost one request (and one membership lookup) per row.
// Needs the compiled subgraphs (`pnpm seed` builds first).
import { hashPassword } from '../../../subgraphs/identity/dist/auth/password.js';
import { identityDatabase } from '../../../subgraphs/identity/dist/database.js';
import { User } from '../../../subgraphs/identity/dist/user/user.entity.js';
import { normalizeDisplayName, normalizeEmail } from '../../../subgraphs/identity/dist/user/user.rules.js';
import { Building } from '../../../subgraphs/buildings/dist/building/building.entity.js';
import { normalizeAddress, normalizeBuildingName, normalizeCity, normalizeCountry, normalizeSlug } from '../../../subgraphs/buildings/dist/building/building.rules.js';
import { buildingsDatabase } from '../../../subgraphs/buildings/dist/database.js';
import { Membership } from '../../../subgraphs/buildings/dist/membership/membership.entity.js';
import { Category } from '../../../subgraphs/marketplace/dist/category/category.entity.js';
import { marketplaceDatabase } from '../../../subgraphs/marketplace/dist/database.js';
import { Favourite } from '../../../subgraphs/marketplace/dist/favourite/favourite.entity.js';
import { Listing } from '../../../subgraphs/marketplace/dist/listing/listing.entity.js';
import { normalizeCurrency, normalizeDescription, normalizePriceAmount, normalizeTitle } from '../../../subgraphs/marketplace/dist/listing/listing.rules.js';
import { Offer } from '../../../subgraphs/marketplace/dist/offer/offer.entity.js';
import { mediaDatabase } from '../../../subgraphs/media/dist/database.js';
import { Media } from '../../../subgraphs/media/dist/media/media.entity.js';
import { SEED_PASSWORD } from './plan.mjs';

const CHUNK = 2_000;
// What identifies seeded rows, so that --reset removes them and nothing else.
const SEED_EMAILS = 'seed-user-%@lobby.test';
const SEED_SLUGS = 'seed-%';
const SEED_MEDIA_KEYS = 'seed/%';

export class SeedExistsError extends Error {}

/**
 * @param {ReturnType<import('./plan.mjs').planSeed>} plan
 * @param {{ identity: string, buildings: string, marketplace: string, media: string }} databaseUrls
 * @param {{ reset?: boolean, log?: (line: string) => void }} options
 */
export async function writeSeed(plan, databaseUrls, { reset = false, log = () => {} } = {}) {
  const checked = validate(plan);
  await Promise.all([
    identityDatabase.migrate(databaseUrls.identity),
    buildingsDatabase.migrate(databaseUrls.buildings),
    marketplaceDatabase.migrate(databaseUrls.marketplace),
    mediaDatabase.migrate(databaseUrls.media),
  ]);
  const orms = {
    identity: await identityDatabase.open(databaseUrls.identity, 2),
    buildings: await buildingsDatabase.open(databaseUrls.buildings, 2),
    marketplace: await marketplaceDatabase.open(databaseUrls.marketplace, 2),
    media: await mediaDatabase.open(databaseUrls.media, 2),
  };
  try {
    const present = await seedPresent(orms);
    if (present && !reset) throw new SeedExistsError('These databases already hold seed data; run `pnpm seed --reset` to replace it.');
    if (present) {
      const started = Date.now();
      await removeSeed(orms);
      log(`removed the previous seed data (${Date.now() - started} ms)`);
    }
    // One argon2 hash for everyone: argon2 is slow on purpose (~50 ms a hash); 5,000 would take minutes.
    const passwordHash = await hashPassword(SEED_PASSWORD);
    await Promise.all([
      timed(log, 'identity', () => insert(orms.identity, User, checked.users.map((user) => ({ ...user, passwordHash })))),
      timed(log, 'buildings', async () => {
        await insert(orms.buildings, Building, checked.buildings);
        await insert(orms.buildings, Membership, plan.memberships);
      }),
      timed(log, 'marketplace', async () => {
        const categories = new Map((await orms.marketplace.em.fork().find(Category, {})).map((category) => [category.slug, category.id]));
        const listings = checked.listings.map(({ categorySlug, sellerIndex: _seller, buildingIndex: _building, ...listing }) => {
          const category = categories.get(categorySlug);
          if (!category) throw new Error(`the seed uses category "${categorySlug}", which marketplace's migrations do not create`);
          return { ...listing, category };
        });
        await insert(orms.marketplace, Listing, listings);
        await insert(orms.marketplace, Offer, plan.offers);
        await insert(orms.marketplace, Favourite, plan.favourites);
        // Fresh statistics, so the planner knows the tables grew from nothing to thousands of rows.
        await orms.marketplace.em.getConnection().execute('ANALYZE listings, offers, favourites');
      }),
      timed(log, 'media', async () => {
        await insert(orms.media, Media, plan.photos);
        await orms.media.em.getConnection().execute('ANALYZE media');
      }),
    ]);
  } finally {
    await Promise.all(Object.values(orms).map((orm) => orm.close()));
  }
}

/** Every row through the owning subgraph's rules: a seed that would be refused by the API fails here instead. */
function validate(plan) {
  return {
    users: plan.users.map((user) => ({ ...user, email: normalizeEmail(user.email), displayName: normalizeDisplayName(user.displayName) })),
    buildings: plan.buildings.map(({ place: _place, ...building }) => ({
      ...building,
      name: normalizeBuildingName(building.name),
      slug: normalizeSlug(building.slug),
      address: normalizeAddress(building.address),
      city: normalizeCity(building.city),
      country: normalizeCountry(building.country),
    })),
    listings: plan.listings.map((listing) => ({
      ...listing,
      title: normalizeTitle(listing.title),
      description: normalizeDescription(listing.description),
      priceAmount: normalizePriceAmount(listing.priceAmount),
      currency: normalizeCurrency(listing.currency),
    })),
  };
}

async function insert(orm, entity, rows) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await orm.em.fork().insertMany(entity, rows.slice(start, start + CHUNK));
  }
}

async function seedPresent(orms) {
  const [users, buildings] = await Promise.all([
    orms.identity.em.fork().count(User, { email: { $like: SEED_EMAILS } }),
    orms.buildings.em.fork().count(Building, { slug: { $like: SEED_SLUGS } }),
  ]);
  return users + buildings > 0;
}

/** Seeded users (their sessions follow), seeded buildings (their memberships follow), every listing in a seeded building, and the seeded photos. */
async function removeSeed(orms) {
  const buildings = orms.buildings.em.fork();
  const buildingIds = (await buildings.find(Building, { slug: { $like: SEED_SLUGS } }, { fields: ['id'] })).map((building) => building.id);
  await Promise.all([
    orms.identity.em.fork().nativeDelete(User, { email: { $like: SEED_EMAILS } }),
    buildings.nativeDelete(Building, { id: { $in: buildingIds } }),
    orms.marketplace.em.fork().nativeDelete(Listing, { buildingId: { $in: buildingIds } }),
    orms.media.em.fork().nativeDelete(Media, { originalKey: { $like: SEED_MEDIA_KEYS } }),
  ]);
}

async function timed(log, name, work) {
  const started = Date.now();
  await work();
  log(`${name}: written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
