import { BUILDING_NAMES, CITIES, DESCRIPTIONS, FIRST_NAMES, ITEMS, LANGUAGES, LAST_NAMES, QUALIFIERS, STREETS, TITLE_EXTRAS } from './catalogue.mjs';
import { createRandom, seedUuid } from './random.mjs';

export const SEED_DEFAULTS = { seed: 1, users: 5000, buildings: 50, listings: 50000 };
/** Every seed user's password (they share one argon2 hash; see the README). */
export const SEED_PASSWORD = 'lobby-seed-password';
/** Seeded users' emails: seed-user-00001@lobby.test, … (.test is reserved, so nobody receives mail). */
export const seedEmail = (n) => `seed-user-${String(n).padStart(5, '0')}@lobby.test`;

const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The whole data set as rows in each subgraph's entity shape, with no I/O: the same options give
 * the same rows, ids included. Users live in one home building each (its first user manages it);
 * a few ask to join, or belong to, a second one. Listings are sold by ACTIVE members in their
 * building's language (or English); offers and favourites come from neighbours who can see them.
 */
export function planSeed(options = {}) {
  const { seed, users, buildings, listings } = { ...SEED_DEFAULTS, ...options };
  if (!(Number.isInteger(buildings) && buildings >= 1)) throw new Error('buildings must be a whole number ≥ 1');
  if (!(Number.isInteger(users) && users >= buildings)) throw new Error('users must be a whole number ≥ buildings (every building needs a manager)');
  if (!(Number.isInteger(listings) && listings >= 0)) throw new Error('listings must be a whole number ≥ 0');

  const people = planUsers(seed, users);
  const places = planBuildings(seed, buildings);
  const { memberships, activeMembers } = planMemberships(seed, people, places);
  const sale = planListings(seed, listings, places, activeMembers);
  const { offers, favourites } = planInterest(seed, sale, places, activeMembers, people);
  const photos = planPhotos(seed, sale);
  return { users: people, buildings: places, memberships, listings: sale, offers, favourites, photos };
}

function planUsers(seed, count) {
  const random = createRandom(seed, 'users');
  return Array.from({ length: count }, (_, index) => {
    const language = random.pick(LANGUAGES);
    const first = random.pick(FIRST_NAMES[language]);
    const last = random.pick(LAST_NAMES[language]);
    const displayName = language === 'vi' || language === 'ja' ? `${last} ${first}` : `${first} ${last}`;
    return { id: seedUuid(seed, 'user', index), email: seedEmail(index + 1), displayName, createdAt: new Date(EPOCH + index * 30_000) };
  });
}

function planBuildings(seed, count) {
  const random = createRandom(seed, 'buildings');
  return Array.from({ length: count }, (_, index) => {
    const place = CITIES[index % CITIES.length];
    const name = `${BUILDING_NAMES[index % BUILDING_NAMES.length]} ${Math.floor(index / BUILDING_NAMES.length) + 1}`;
    return {
      id: seedUuid(seed, 'building', index),
      name,
      slug: `seed-${index + 1}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
      address: `${random.int(1, 250)} ${random.pick(STREETS)}`,
      city: place.city,
      country: place.country,
      createdAt: new Date(EPOCH - random.int(30, 400) * DAY),
      place,
    };
  });
}

function planMemberships(seed, people, places) {
  const random = createRandom(seed, 'memberships');
  const memberships = [];
  const activeMembers = places.map(() => []);
  const join = (building, user, status, role) => {
    const requestedAt = new Date(Math.max(user.createdAt.getTime(), building.createdAt.getTime()) + random.int(1, 48) * HOUR);
    const joinedAt = status === 'ACTIVE' ? new Date(requestedAt.getTime() + random.int(1, 72) * HOUR) : null;
    memberships.push({ id: seedUuid(seed, 'membership', memberships.length), building: building.id, userId: user.id, status, role, requestedAt, joinedAt, updatedAt: joinedAt ?? requestedAt });
  };
  people.forEach((user, index) => {
    const home = index % places.length;
    // The first resident of each building created it: its first ACTIVE manager.
    const manager = index < places.length;
    const status = manager || random.chance(0.93) ? 'ACTIVE' : 'PENDING';
    join(places[home], user, status, manager ? 'MANAGER' : 'RESIDENT');
    if (status === 'ACTIVE') activeMembers[home].push(index);
    if (!manager && places.length > 1 && random.chance(0.04)) {
      const second = (home + random.int(1, places.length - 1)) % places.length;
      const secondStatus = random.weighted([['ACTIVE', 50], ['PENDING', 30], ['LEFT', 20]]);
      join(places[second], user, secondStatus, 'RESIDENT');
      if (secondStatus === 'ACTIVE') activeMembers[second].push(index);
    }
  });
  return { memberships, activeMembers };
}

function planListings(seed, count, places, activeMembers) {
  const random = createRandom(seed, 'listings');
  const sale = [];
  for (let index = 0; index < count; index += 1) {
    const buildingIndex = random.int(0, places.length - 1);
    const building = places[buildingIndex];
    const { place } = building;
    const sellerIndex = random.pick(activeMembers[buildingIndex]);
    const language = random.weighted([[place.language, 65], ['en', 25], [random.pick(LANGUAGES), 10]]);
    const item = random.pick(ITEMS);
    const listedAt = EPOCH + 30 * DAY + Math.floor(random.next() * 300 * DAY);
    const euroCents = random.chance(0.03) ? 0 : random.int(item.euroCents[0], item.euroCents[1]);
    sale.push({
      id: seedUuid(seed, 'listing', index),
      sellerIndex,
      buildingIndex,
      sellerId: seedUuid(seed, 'user', sellerIndex),
      buildingId: building.id,
      title: title(random, language, item),
      description: description(random, language, item),
      priceAmount: Math.round((euroCents * place.perEuroCent) / place.step) * place.step,
      currency: place.currency,
      categorySlug: item.category,
      condition: random.weighted([['NEW', 10], ['LIKE_NEW', 25], ['GOOD', 40], ['FAIR', 20], ['FOR_PARTS', 5]]),
      status: random.weighted([['ACTIVE', 80], ['DRAFT', 6], ['RESERVED', 5], ['SOLD', 7], ['ARCHIVED', 2]]),
      visibility: random.chance(0.25) ? 'PUBLIC' : 'BUILDING',
      photoIds: [],
      listedAt: new Date(listedAt),
      createdAt: new Date(listedAt - random.int(0, 72) * HOUR),
      updatedAt: new Date(listedAt),
    });
  }
  return sale;
}

// The variants the media worker makes (workers/media): these widths, WebP and AVIF, never upscaled.
const PHOTO_WIDTHS = [320, 640, 1280];

/**
 * One to three READY photos per listing, in media's entity shape, owned by the seller; their ids
 * go into the listing's photoIds. A stream of its own, so the listings are what they were before
 * photos joined the seed. The keys name no stored file: the feed gets URLs, nobody downloads them.
 */
function planPhotos(seed, sale) {
  const random = createRandom(seed, 'photos');
  const photos = [];
  for (const listing of sale) {
    listing.photoIds = Array.from({ length: random.int(1, 3) }, () => {
      const id = seedUuid(seed, 'photo', photos.length);
      const [width, height] = random.chance(0.5) ? [1600, 1200] : [1200, 1600];
      const variants = PHOTO_WIDTHS.filter((w) => w <= width).flatMap((w) =>
        ['WEBP', 'AVIF'].map((format) => ({ format, width: w, height: Math.round((height * w) / width), byteSize: random.int(8_000, 120_000), key: `seed/${id}/${w}.${format.toLowerCase()}` })),
      );
      photos.push({
        id,
        ownerId: listing.sellerId,
        purpose: 'LISTING_PHOTO',
        status: 'READY',
        contentType: 'image/jpeg',
        byteSize: random.int(500_000, 4_000_000),
        detectedType: 'JPEG',
        originalKey: `seed/${id}/original`,
        uploadExpiresAt: listing.createdAt,
        width,
        height,
        variants,
        createdAt: listing.createdAt,
        updatedAt: listing.createdAt,
        processedAt: listing.createdAt,
      });
      return id;
    });
  }
  return photos;
}

function title(random, language, item) {
  const { before, words } = QUALIFIERS[language];
  const name = item.name[language];
  const qualifier = random.pick(words);
  // A bare name now and then, if it is long enough for a title (本棚 alone is two characters).
  const base = random.chance(0.3) && [...name].length >= 4 ? name : before ? `${qualifier} ${name}` : `${name} ${qualifier}`;
  return random.chance(0.15) ? `${base} ${random.pick(TITLE_EXTRAS)}` : base;
}

function description(random, language, item) {
  return random
    .pick(DESCRIPTIONS[language])
    .replace('{item}', item.name[language])
    .replace('{quality}', random.pick(QUALIFIERS[language].words))
    .replace('{floor}', String(random.int(1, 30)));
}

/** Offers and favourites: only on published listings, only from users other than the seller who may see them. */
function planInterest(seed, sale, places, activeMembers, people) {
  const random = createRandom(seed, 'interest');
  const offers = [];
  const favourites = [];
  const saved = new Set();
  for (const listing of sale) {
    if (listing.status === 'DRAFT' || listing.status === 'ARCHIVED') continue;
    const neighbours = activeMembers[listing.buildingIndex].filter((index) => index !== listing.sellerIndex);
    // A PUBLIC listing also draws interest from anyone.
    const audience = () => (listing.visibility === 'PUBLIC' && random.chance(0.3) ? random.int(0, people.length - 1) : random.pick(neighbours));
    if (neighbours.length === 0) continue;
    const buyers = new Set();
    const wanted = listing.status === 'ACTIVE' ? random.weighted([[0, 50], [1, 30], [2, 15], [3, 5]]) : 1 + random.int(0, 2);
    for (let attempt = 0; attempt < wanted * 3 && buyers.size < wanted; attempt += 1) {
      const buyer = audience();
      if (buyer !== listing.sellerIndex) buyers.add(buyer);
    }
    [...buyers].forEach((buyer, position) => {
      // On a reserved or sold listing the first offer was accepted and the others declined with it.
      const status = listing.status === 'ACTIVE' ? random.weighted([['PENDING', 60], ['DECLINED', 25], ['WITHDRAWN', 15]]) : position === 0 ? 'ACCEPTED' : 'DECLINED';
      const createdAt = new Date(listing.listedAt.getTime() + random.int(1, 240) * HOUR);
      const step = places[listing.buildingIndex].place.step;
      offers.push({
        id: seedUuid(seed, 'offer', offers.length),
        listing: listing.id,
        buyerId: seedUuid(seed, 'user', buyer),
        amount: Math.round((listing.priceAmount * random.int(70, 100)) / 100 / step) * step,
        currency: listing.currency,
        status,
        createdAt,
        updatedAt: status === 'PENDING' ? createdAt : new Date(createdAt.getTime() + random.int(1, 48) * HOUR),
      });
    });
    const fans = random.weighted([[0, 40], [1, 35], [2, 15], [3, 10]]);
    for (let n = 0; n < fans; n += 1) {
      const fan = audience();
      const key = `${fan}:${listing.id}`;
      if (fan === listing.sellerIndex || saved.has(key)) continue;
      saved.add(key);
      favourites.push({ id: seedUuid(seed, 'favourite', favourites.length), userId: seedUuid(seed, 'user', fan), listing: listing.id, createdAt: new Date(listing.listedAt.getTime() + random.int(1, 500) * HOUR) });
    }
  }
  return { offers, favourites };
}
