/**
 * DRAFT → ACTIVE (published) → RESERVED (an offer accepted) → SOLD; DRAFT, ACTIVE and RESERVED
 * may be ARCHIVED. An archived listing can be published again; SOLD is final. A withdrawn
 * accepted offer puts a RESERVED listing back to ACTIVE.
 */
export enum ListingStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  RESERVED = 'RESERVED',
  SOLD = 'SOLD',
  ARCHIVED = 'ARCHIVED',
}

export enum ListingVisibility {
  /** Only ACTIVE members of the listing's building (and its seller). The default. */
  BUILDING = 'BUILDING',
  /** Everyone, signed in or not. */
  PUBLIC = 'PUBLIC',
}

export enum ListingCondition {
  NEW = 'NEW',
  LIKE_NEW = 'LIKE_NEW',
  GOOD = 'GOOD',
  FAIR = 'FAIR',
  FOR_PARTS = 'FOR_PARTS',
}
