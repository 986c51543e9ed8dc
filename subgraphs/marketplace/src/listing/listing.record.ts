import type { EntityManager } from '@mikro-orm/postgresql';
import { parseTimestamps } from '@lobby/platform';
import type { ListingCondition, ListingStatus, ListingVisibility } from './listing.status.js';

/**
 * A listing as a list reads it: its columns, not a managed entity (the `Listing` entity has the
 * same shape, so resolvers take either). Lists are read-only, and mapping every row into the
 * ORM's identity map cost more than the query itself (docs/adr/0010-feed-hot-path.md). A column
 * GraphQL shows belongs here too: the test "every path to a listing" compares the two.
 */
export interface ListingRecord {
  id: string;
  sellerId: string;
  buildingId: string;
  title: string;
  description: string;
  priceAmount: number;
  currency: string;
  category: { id: string };
  condition: ListingCondition;
  status: ListingStatus;
  visibility: ListingVisibility;
  photoIds: string[];
  listedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** A listing row as listing.query.ts selects it: a ListingRecord with the category's id in a column of its own. */
export type ListingRow = Omit<ListingRecord, 'category'> & { categoryId: string };

/** Each ListingRow property's column (the generated search document stays in the database). */
const LISTING_COLUMNS: Record<keyof ListingRow, string> = {
  id: 'id',
  sellerId: 'seller_id',
  buildingId: 'building_id',
  title: 'title',
  description: 'description',
  priceAmount: 'price_amount',
  currency: 'currency',
  categoryId: 'category_id',
  condition: 'condition',
  status: 'status',
  visibility: 'visibility',
  photoIds: 'photo_ids',
  listedAt: 'listed_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

/** A ListingRow's columns for knex's select: `<alias>.<column> as <property>`. */
export const listingColumns = (alias = 'l'): string[] => Object.entries(LISTING_COLUMNS).map(([property, column]) => `${alias}.${column} as ${property}`);

/** knex's rows with their timestamps parsed as MikroORM would parse them (the connection hands them over as text). */
export const readListingRows = <Row extends ListingRow>(em: EntityManager, rows: Array<Record<string, unknown>>): Row[] =>
  parseTimestamps<ListingRow>(em, rows, ['listedAt', 'createdAt', 'updatedAt']) as Row[];

/** A row to a record, dropping the helper columns (`_rank`, `_n`, …) the SQL added. */
export function toListingRecord(row: ListingRow): ListingRecord {
  const { id, sellerId, buildingId, title, description, priceAmount, currency, categoryId, condition, status, visibility, photoIds, listedAt, createdAt, updatedAt } = row;
  return { id, sellerId, buildingId, title, description, priceAmount, currency, category: { id: categoryId }, condition, status, visibility, photoIds, listedAt, createdAt, updatedAt };
}
