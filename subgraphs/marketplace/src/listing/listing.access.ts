import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError, NotFoundError } from '@lobby/platform';
import type { ViewerBuildings } from '../buildings/viewer-buildings.js';
import { Listing } from './listing.entity.js';
import { canSee, SHOWN_STATUSES } from './listing.rules.js';
import { ListingVisibility } from './listing.status.js';

/**
 * Every change to a listing, and to its offers, first takes the listing's row lock (inside the
 * caller's transaction): publishing, archiving, accepting an offer and making one are serialised
 * per listing, so an offer is never accepted twice nor made on a listing that just got reserved.
 * The read after the lock is fresh (`refresh`), never the identity map's copy from before it.
 */
export async function lockListing(tx: EntityManager, listingId: string): Promise<Listing | null> {
  return tx.findOne(Listing, { id: listingId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/**
 * Whether the viewer may see `listing`, asking buildings only when the answer depends on
 * membership (a published BUILDING listing of someone else).
 */
export async function isVisible(listing: Listing, viewerId: string | null, buildings: ViewerBuildings): Promise<boolean> {
  const needsMembership = listing.sellerId !== viewerId && listing.visibility === ListingVisibility.BUILDING && SHOWN_STATUSES.includes(listing.status);
  return canSee(listing, viewerId, needsMembership ? await buildings.forReading() : new Set());
}

/**
 * The seller's own listing, locked; a listing the viewer may not see is NOT_FOUND (exactly like
 * one that does not exist), one they see but do not sell is FORBIDDEN. Checked before the lock,
 * so nobody but the seller ever holds it.
 */
export async function lockOwnListing(tx: EntityManager, listingId: string, viewerId: string, buildings: ViewerBuildings): Promise<Listing> {
  const found = await tx.findOne(Listing, { id: listingId });
  if (!found || !(await isVisible(found, viewerId, buildings))) throw new NotFoundError('Listing');
  if (found.sellerId !== viewerId) throw new ForbiddenError('Only the seller may change this listing.');
  const listing = await lockListing(tx, listingId);
  if (!listing) throw new NotFoundError('Listing');
  return listing;
}
