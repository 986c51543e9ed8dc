import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Favourite } from '../favourite/favourite.entity.js';
import { ListingSort, type ListingPosition } from './listing.cursor.js';
import { listingColumns, readListingRows, toListingRecord, type ListingRecord, type ListingRow } from './listing.record.js';
import { SHOWN_STATUSES } from './listing.rules.js';
import { type ListingCondition, type ListingStatus, ListingVisibility } from './listing.status.js';
import type { SearchText } from './search-text.js';

/**
 * The SQL behind every list of listings. Everything the client sends is a bound value (knex's
 * `?`), never SQL text; the visibility rule is applied to every query here, so no list, page or
 * cursor can reach a row the viewer may not see.
 */

/** Who is looking: the tenancy rule's inputs. */
export interface Audience {
  viewerId: string | null;
  activeBuildingIds: ReadonlySet<string>;
}

export interface ListingCriteria {
  status: ListingStatus;
  buildingId?: string;
  sellerId?: string;
  /** A category and its subcategories. */
  categoryIds?: string[];
  condition?: ListingCondition;
  priceMin?: number;
  priceMax?: number;
  search?: SearchText | null;
}

export interface RankedListing {
  listing: ListingRecord;
  /** ts_rank of the search, for RELEVANCE cursors. */
  rank: number | null;
}

const RANK = "ts_rank(l.search, plainto_tsquery('simple', ?))::float8";

/** `canSee` (listing.rules.ts) in SQL: own listings, or shown ones that are PUBLIC or in one of the viewer's ACTIVE buildings. */
export function whereVisible(query: Knex.QueryBuilder, audience: Audience, alias = 'l'): void {
  query.where((visible) => {
    visible.where((shown) => {
      shown.whereIn(`${alias}.status`, [...SHOWN_STATUSES]).andWhere((scope) => {
        scope.where(`${alias}.visibility`, ListingVisibility.PUBLIC);
        if (audience.activeBuildingIds.size > 0) scope.orWhereIn(`${alias}.building_id`, [...audience.activeBuildingIds]);
      });
    });
    if (audience.viewerId) visible.orWhere(`${alias}.seller_id`, audience.viewerId);
  });
}

function whereMatches(query: Knex.QueryBuilder, criteria: ListingCriteria): void {
  query.where('l.status', criteria.status);
  if (criteria.buildingId) query.where('l.building_id', criteria.buildingId);
  if (criteria.sellerId) query.where('l.seller_id', criteria.sellerId);
  if (criteria.categoryIds) query.whereIn('l.category_id', criteria.categoryIds);
  if (criteria.condition) query.where('l.condition', criteria.condition);
  if (criteria.priceMin !== undefined) query.where('l.price_amount', '>=', criteria.priceMin);
  if (criteria.priceMax !== undefined) query.where('l.price_amount', '<=', criteria.priceMax);
  if (criteria.search) {
    // Whole words through the GIN-indexed tsvector, or a literal substring of the title through the trigram index.
    query.whereRaw("(l.search @@ plainto_tsquery('simple', ?) or l.title ilike ? escape '\\')", [criteria.search.words, criteria.search.titlePattern]);
  }
}

/** One page of `listings(...)`: visible, matching, after `after` in `sort` order; `limit` rows at most. */
export async function findListingPage(
  em: EntityManager,
  options: { audience: Audience; criteria: ListingCriteria; sort: ListingSort; after: ListingPosition | null; limit: number },
): Promise<RankedListing[]> {
  const { audience, criteria, sort, after, limit } = options;
  const knex = em.getKnex();
  const words = criteria.search?.words;
  const query = knex('listings as l').select(listingColumns());
  whereVisible(query, audience);
  whereMatches(query, criteria);

  if (sort === ListingSort.RELEVANCE && words !== undefined) {
    query.select(knex.raw(`${RANK} as "_rank"`, [words]));
    if (after) query.whereRaw(`(${RANK}, l.listed_at, l.id) < (?, ?, ?)`, [words, after.rank!, new Date(after.listedAt!), after.id]);
    query.orderByRaw('"_rank" desc, l.listed_at desc, l.id desc');
  } else if (sort === ListingSort.PRICE_ASC || sort === ListingSort.PRICE_DESC) {
    const ascending = sort === ListingSort.PRICE_ASC;
    if (after) query.whereRaw(`(l.price_amount, l.id) ${ascending ? '>' : '<'} (?, ?)`, [after.price!, after.id]);
    query.orderBy([
      { column: 'l.price_amount', order: ascending ? 'asc' : 'desc' },
      { column: 'l.id', order: ascending ? 'asc' : 'desc' },
    ]);
  } else {
    if (after) query.whereRaw('(l.listed_at, l.id) < (?, ?)', [new Date(after.listedAt!), after.id]);
    query.orderBy([
      { column: 'l.listed_at', order: 'desc' },
      { column: 'l.id', order: 'desc' },
    ]);
  }
  const rows = readListingRows<ListingRow & { _rank?: number }>(em, await query.limit(limit));
  return rows.map((row) => ({ listing: toListingRecord(row), rank: typeof row._rank === 'number' ? row._rank : null }));
}

/**
 * The newest visible listings of several sellers or buildings at once (`User.listings`,
 * `Building.listings` for a whole page of users or buildings): one statement, `limit` rows per
 * parent at most, through a window partitioned by the parent.
 */
export async function findListingsByParent(
  em: EntityManager,
  options: {
    audience: Audience;
    parent: 'seller_id' | 'building_id';
    parentIds: readonly string[];
    status: ListingStatus;
    after: { listedAt: string; id: string } | null;
    limit: number;
  },
): Promise<Map<string, ListingRecord[]>> {
  const { audience, parent, parentIds, status, after, limit } = options;
  const knex = em.getKnex();
  const ranked = knex('listings as l')
    .select(listingColumns())
    .select(knex.raw(`row_number() over (partition by l.${parent} order by l.listed_at desc, l.id desc) as "_n"`))
    .whereIn(`l.${parent}`, [...parentIds])
    .where('l.status', status);
  whereVisible(ranked, audience);
  if (after) ranked.whereRaw('(l.listed_at, l.id) < (?, ?)', [new Date(after.listedAt), after.id]);
  const rows = readListingRows<ListingRow>(
    em,
    await knex
      .select('*')
      .from(ranked.as('ranked'))
      .where('_n', '<=', limit)
      .orderBy([
        { column: 'listedAt', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]),
  );
  const parentOf = parent === 'seller_id' ? (row: ListingRow) => row.sellerId : (row: ListingRow) => row.buildingId;
  const byParent = new Map<string, ListingRecord[]>();
  for (const row of rows) byParent.set(parentOf(row), [...(byParent.get(parentOf(row)) ?? []), toListingRecord(row)]);
  return byParent;
}

/** A page of the viewer's favourites that they may still see, most recently saved first. */
export async function findFavouritePage(
  em: EntityManager,
  options: { audience: Audience & { viewerId: string }; after: { savedAt: string; id: string } | null; limit: number },
): Promise<Array<{ listing: ListingRecord; favourite: Favourite }>> {
  const { audience, after, limit } = options;
  const query = em
    .getKnex()('favourites as f')
    .join('listings as l', 'l.id', 'f.listing_id')
    .select(listingColumns())
    .select({ _f_id: 'f.id', _f_user_id: 'f.user_id', _f_listing_id: 'f.listing_id', _f_created_at: 'f.created_at' })
    .where('f.user_id', audience.viewerId);
  whereVisible(query, audience);
  if (after) query.whereRaw('(f.created_at, f.id) < (?, ?)', [new Date(after.savedAt), after.id]);
  const rows = readListingRows<ListingRow & Record<`_f_${string}`, unknown>>(
    em,
    await query
      .orderBy([
        { column: 'f.created_at', order: 'desc' },
        { column: 'f.id', order: 'desc' },
      ])
      .limit(limit),
  );
  return rows.map((row) => ({
    listing: toListingRecord(row),
    // Mapped by the ORM, so its timestamp is a Date however the driver returns it.
    favourite: em.map(Favourite, { id: row._f_id, user_id: row._f_user_id, listing_id: row._f_listing_id, created_at: row._f_created_at } as Record<string, unknown>),
  }));
}
