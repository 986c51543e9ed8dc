import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { ListingRecord } from '../listing/listing.record.js';
import type { Viewer } from '../viewer.js';
import { Offer } from './offer.entity.js';

/**
 * `Listing.offers` for a batch of listings in one query: every offer on the viewer's own
 * listings, only the viewer's own offers on anyone else's; nothing signed out.
 */
export function createListingOffersLoader(em: EntityManager, viewer: Viewer): DataLoader<ListingRecord, Offer[], string> {
  return new DataLoader(
    async (listings) => {
      const viewerId = viewer.userId;
      if (!viewerId) return listings.map(() => []);
      const selling = listings.filter((listing) => listing.sellerId === viewerId).map((listing) => listing.id);
      const buying = listings.filter((listing) => listing.sellerId !== viewerId).map((listing) => listing.id);
      const offers = await em.find(
        Offer,
        { $or: [{ listing: { $in: selling } }, { listing: { $in: buying }, buyerId: viewerId }] },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      );
      const byListing = new Map<string, Offer[]>();
      for (const offer of offers) byListing.set(offer.listing.id, [...(byListing.get(offer.listing.id) ?? []), offer]);
      return listings.map((listing) => byListing.get(listing.id) ?? []);
    },
    { cacheKeyFn: (listing) => listing.id },
  );
}
