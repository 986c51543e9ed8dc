import { createDomainEvent, type AnyDomainEvent } from '@lobby/contracts';
import type { Listing } from './listing/listing.entity.js';
import type { Offer } from './offer/offer.entity.js';

/**
 * The domain events marketplace publishes (packages/contracts/src/domain-events.ts), built from
 * its rows. Services write them with `recordDomainEvents` inside the transaction of the change.
 */
export function offerEvent(type: 'marketplace.offer.made' | 'marketplace.offer.accepted' | 'marketplace.offer.declined', offer: Offer, actorId: string): AnyDomainEvent {
  const { listing } = offer;
  return createDomainEvent(type, actorId, { offerId: offer.id, listingId: listing.id, buildingId: listing.buildingId, sellerId: listing.sellerId, buyerId: offer.buyerId });
}

export function listingSoldEvent(listing: Listing, buyerId: string | null): AnyDomainEvent {
  return createDomainEvent('marketplace.listing.sold', listing.sellerId, { listingId: listing.id, buildingId: listing.buildingId, sellerId: listing.sellerId, buyerId });
}

export function listingFavoritedEvent(listing: Listing, userId: string): AnyDomainEvent {
  return createDomainEvent('marketplace.listing.favorited', userId, { listingId: listing.id, buildingId: listing.buildingId, sellerId: listing.sellerId, userId });
}
