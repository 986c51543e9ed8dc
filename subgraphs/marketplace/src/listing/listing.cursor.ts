import { createHash } from 'node:crypto';
import { decodeCursor, encodeCursor, UserInputError } from '@lobby/platform';
import { z } from 'zod';

/** How `listings` can be ordered. Every order ends with the id, so it is total and a cursor names one position. */
export enum ListingSort {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
}

/**
 * The sort key of the last row a page showed: RELEVANCE (rank, listedAt, id) descending, NEWEST
 * (listedAt, id) descending, PRICE_* (price, id). `f` fingerprints the search and filters the
 * cursor was made for, so a cursor is refused by any other search rather than silently skipping.
 */
export interface ListingPosition {
  sort: ListingSort;
  rank?: number;
  listedAt?: string;
  price?: number;
  id: string;
}

/** RELEVANCE when searching, NEWEST otherwise; RELEVANCE without a search is NEWEST. */
export function effectiveSort(requested: ListingSort | null | undefined, searching: boolean): ListingSort {
  if (!requested) return searching ? ListingSort.RELEVANCE : ListingSort.NEWEST;
  return requested === ListingSort.RELEVANCE && !searching ? ListingSort.NEWEST : requested;
}

const KIND = 'listings';

const position = z.object({
  s: z.enum(ListingSort),
  f: z.string().max(16),
  r: z.number().optional(),
  t: z.iso.datetime().optional(),
  p: z.number().int().min(0).optional(),
  i: z.uuid(),
});

/** A short digest of what a cursor is valid for: the sort, the search and the filters, normalised. */
export function searchFingerprint(search: unknown): string {
  return createHash('sha256').update(JSON.stringify(search)).digest('base64url').slice(0, 12);
}

export function encodeListingCursor(at: ListingPosition, fingerprint: string): string {
  return encodeCursor(KIND, { s: at.sort, f: fingerprint, r: at.rank, t: at.listedAt, p: at.price, i: at.id });
}

/** The position inside `cursor`; BAD_USER_INPUT for a cursor of another list, sort, search or filter, or an edited one. */
export function decodeListingCursor(cursor: string, sort: ListingSort, fingerprint: string): ListingPosition {
  const refuse = () => new UserInputError('after is not a valid cursor for this search.', 'after');
  const key = decodeCursor(KIND, cursor, position);
  if (key.s !== sort || key.f !== fingerprint) throw refuse();
  const complete =
    sort === ListingSort.RELEVANCE ? key.r !== undefined && key.t !== undefined : sort === ListingSort.NEWEST ? key.t !== undefined : key.p !== undefined;
  if (!complete) throw refuse();
  return { sort, rank: key.r, listedAt: key.t, price: key.p, id: key.i };
}
