import type { EntityManager } from '@mikro-orm/postgresql';
import type { Listing } from '../listing/listing.entity.js';
import { Offer } from './offer.entity.js';
import { transitionOffer } from './offer.rules.js';
import { OfferStatus } from './offer.status.js';

/**
 * Declines a listing's pending offers (but `except`), under the listing's lock the caller holds,
 * and returns them: each is a `marketplace.offer.declined` its buyer hears about.
 */
export async function declinePendingOffers(tx: EntityManager, listing: Listing, except?: Offer): Promise<Offer[]> {
  const pending = await tx.find(Offer, { listing, status: OfferStatus.PENDING, ...(except ? { id: { $ne: except.id } } : {}) });
  for (const offer of pending) transitionOffer(offer, OfferStatus.DECLINED);
  return pending;
}
