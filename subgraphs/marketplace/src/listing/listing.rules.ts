import { UserInputError, isUuid } from '@lobby/platform';
import { CURRENCY_CODES } from './currency-codes.js';
import { ListingStatus, ListingVisibility } from './listing.status.js';

export const TITLE_MIN_LENGTH = 3;
export const TITLE_MAX_LENGTH = 120;
export const DESCRIPTION_MAX_LENGTH = 5000;
export const MAX_PHOTOS = 10;
/** GraphQL's Int is 32-bit: the largest price (in minor units) a client can send or read. */
export const PRICE_MAX = 2_147_483_647;

const { DRAFT, ACTIVE, RESERVED, SOLD, ARCHIVED } = ListingStatus;

// Everything else (SOLD → anything, back to DRAFT, RESERVED without an offer) is BAD_USER_INPUT.
const transitions: Record<ListingStatus, readonly ListingStatus[]> = {
  [DRAFT]: [ACTIVE, ARCHIVED],
  [ACTIVE]: [RESERVED, SOLD, ARCHIVED],
  [RESERVED]: [ACTIVE, SOLD, ARCHIVED],
  [SOLD]: [],
  [ARCHIVED]: [ACTIVE],
};

export function canTransition(from: ListingStatus, to: ListingStatus): boolean {
  return transitions[from].includes(to);
}

/** Moves `listing` to `to`, or BAD_USER_INPUT naming both statuses. */
export function transition(listing: { status: ListingStatus }, to: ListingStatus): void {
  if (!canTransition(listing.status, to)) {
    throw new UserInputError(`A ${listing.status} listing cannot become ${to}.`, 'status');
  }
  listing.status = to;
}

/** Statuses anyone allowed by the visibility may see; DRAFT and ARCHIVED are the seller's alone. */
export const SHOWN_STATUSES: readonly ListingStatus[] = [ACTIVE, RESERVED, SOLD];

/** A SOLD listing is history, a RESERVED or SOLD one is someone's deal: neither may be deleted (archive instead). */
export const DELETABLE_STATUSES: readonly ListingStatus[] = [DRAFT, ACTIVE, ARCHIVED];

/** Title, description, price and photos change while the listing is DRAFT, ACTIVE or ARCHIVED. */
export const EDITABLE_STATUSES: readonly ListingStatus[] = [DRAFT, ACTIVE, ARCHIVED];

export interface VisibilityFacts {
  sellerId: string;
  buildingId: string;
  status: ListingStatus;
  visibility: ListingVisibility;
}

/**
 * The tenancy rule (docs/adr/0007-marketplace-tenancy.md): the seller sees their own listing;
 * anyone else sees it only once published (ACTIVE, RESERVED, SOLD) and only if it is PUBLIC or
 * they are an ACTIVE member of its building. `listingVisibility` in listing.query.ts is the same
 * rule in SQL.
 */
export function canSee(listing: VisibilityFacts, viewerId: string | null, activeBuildingIds: ReadonlySet<string>): boolean {
  if (viewerId !== null && listing.sellerId === viewerId) return true;
  if (!SHOWN_STATUSES.includes(listing.status)) return false;
  return listing.visibility === ListingVisibility.PUBLIC || activeBuildingIds.has(listing.buildingId);
}

// eslint-disable-next-line no-control-regex -- control and bidi-override characters are exactly what is refused
const invisible = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- as above, but a description keeps its line breaks and tabs
const invisibleInText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

/** NFKC, trimmed, inner whitespace collapsed; 3–120 characters without control characters. */
export function normalizeTitle(raw: string): string {
  const title = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const length = [...title].length;
  if (length < TITLE_MIN_LENGTH || length > TITLE_MAX_LENGTH) {
    throw new UserInputError(`Title must be ${TITLE_MIN_LENGTH} to ${TITLE_MAX_LENGTH} characters.`, 'title');
  }
  if (invisible.test(title)) throw new UserInputError('Title contains invisible or control characters.', 'title');
  return title;
}

/** Trimmed, line breaks kept (CRLF → LF); at most 5000 characters; may be empty. */
export function normalizeDescription(raw: string): string {
  const description = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if ([...description].length > DESCRIPTION_MAX_LENGTH) {
    throw new UserInputError(`Description must be at most ${DESCRIPTION_MAX_LENGTH} characters.`, 'description');
  }
  if (invisibleInText.test(description)) throw new UserInputError('Description contains invisible or control characters.', 'description');
  return description;
}

/** An amount in the currency's minor units (cents), 0 for free. */
export function normalizePriceAmount(amount: number, field = 'priceAmount'): number {
  if (!Number.isInteger(amount) || amount < 0 || amount > PRICE_MAX) {
    throw new UserInputError(`${field} must be a whole number of minor units (such as cents) from 0 to ${PRICE_MAX}.`, field);
  }
  return amount;
}

/** ISO 4217, upper-case (`eur` → `EUR`). */
export function normalizeCurrency(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!CURRENCY_CODES.has(code)) throw new UserInputError('Currency must be an ISO 4217 code, such as EUR or VND.', 'currency');
  return code;
}

/** Media ids (the media subgraph owns the images): at most 10, no duplicates. */
export function normalizePhotoIds(raw: readonly string[]): string[] {
  if (raw.length > MAX_PHOTOS) throw new UserInputError(`At most ${MAX_PHOTOS} photos.`, 'photoIds');
  if (!raw.every((id) => isUuid(id.trim()))) throw new UserInputError('photoIds must be media IDs.', 'photoIds');
  return [...new Set(raw.map((id) => id.trim().toLowerCase()))];
}
