import type { AnyDomainEvent } from '@lobby/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, ForbiddenError, NotFoundError, UserInputError, decodeCursor, encodeCursor, pageSize, recordDomainEvents, toPage, type Page } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { z } from 'zod';
import { offerEvent } from '../domain-events.js';
import { lockListing } from '../listing/listing.access.js';
import type { Listing } from '../listing/listing.entity.js';
import { normalizePriceAmount, transition } from '../listing/listing.rules.js';
import { ListingStatus } from '../listing/listing.status.js';
import { requireUser, type Viewer } from '../viewer.js';
import { Offer } from './offer.entity.js';
import { transitionOffer } from './offer.rules.js';
import { OfferStatus } from './offer.status.js';
import { declinePendingOffers } from './pending-offers.js';

const MY_OFFERS_CURSOR = 'my-offers';
const myOffersCursor = z.object({ t: z.iso.datetime(), i: z.uuid() });

type Decision = 'accept' | 'decline' | 'withdraw';
// Who decides: the seller accepts or declines, the buyer withdraws.
const decidedBy: Record<Decision, 'seller' | 'buyer'> = { accept: 'seller', decline: 'seller', withdraw: 'buyer' };

export class OfferService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    /** Visible listings by id: nobody offers on a listing they may not see (NOT_FOUND). */
    private readonly listingById: DataLoader<string, Listing | null>,
  ) {}

  /** A PENDING offer on an ACTIVE listing of someone else; one pending offer per buyer and listing. */
  async make(listingId: string, amount: number): Promise<Offer> {
    const buyerId = requireUser(this.viewer);
    const price = normalizePriceAmount(amount, 'amount');
    const visible = await this.listingById.load(listingId);
    if (!visible) throw new NotFoundError('Listing');
    if (visible.sellerId === buyerId) throw new UserInputError('You cannot make an offer on your own listing.', 'listingId');
    return this.em.transactional(async (tx) => {
      // Under the listing's lock: an offer is never made on a listing being reserved at the same instant.
      const listing = await lockListing(tx, listingId);
      if (!listing) throw new NotFoundError('Listing');
      if (listing.status !== ListingStatus.ACTIVE) throw new UserInputError(`A ${listing.status} listing takes no offers.`, 'listingId');
      if (await tx.count(Offer, { listing, buyerId, status: OfferStatus.PENDING })) {
        throw new ConflictError('You already have a pending offer on this listing; withdraw it first.');
      }
      const offer = tx.create(Offer, { listing, buyerId, amount: price, currency: listing.currency });
      await tx.flush();
      await recordDomainEvents(tx, [offerEvent('marketplace.offer.made', offer, buyerId)]);
      return offer;
    });
  }

  /** The seller: the offer becomes ACCEPTED, the listing RESERVED and every other pending offer DECLINED, together. */
  accept(offerId: string): Promise<Offer> {
    return this.decide(offerId, 'accept', async (offer, listing, tx) => {
      transitionOffer(offer, OfferStatus.ACCEPTED);
      transition(listing, ListingStatus.RESERVED);
      const declined = await declinePendingOffers(tx, listing, offer);
      return [offerEvent('marketplace.offer.accepted', offer, listing.sellerId), ...declined.map((other) => offerEvent('marketplace.offer.declined', other, listing.sellerId))];
    });
  }

  /** The seller: PENDING → DECLINED. */
  decline(offerId: string): Promise<Offer> {
    return this.decide(offerId, 'decline', (offer, listing) => {
      transitionOffer(offer, OfferStatus.DECLINED);
      return [offerEvent('marketplace.offer.declined', offer, listing.sellerId)];
    });
  }

  /** The buyer: PENDING or ACCEPTED → WITHDRAWN; withdrawing an accepted offer puts the listing back on sale. */
  withdraw(offerId: string): Promise<Offer> {
    return this.decide(offerId, 'withdraw', (offer, listing) => {
      const wasAccepted = offer.status === OfferStatus.ACCEPTED;
      transitionOffer(offer, OfferStatus.WITHDRAWN);
      if (wasAccepted && listing.status === ListingStatus.RESERVED) transition(listing, ListingStatus.ACTIVE);
      return [];
    });
  }

  /** The viewer's offers as a buyer, newest first. */
  async mine(options: { first?: number | null; after?: string | null }): Promise<Page<Offer>> {
    const buyerId = requireUser(this.viewer);
    const limit = pageSize(options.first);
    const after = options.after ? decodeCursor(MY_OFFERS_CURSOR, options.after, myOffersCursor) : null;
    const position = after ? { $or: [{ createdAt: { $lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { $lt: after.i } }] } : {};
    const rows = await this.em.find(Offer, { buyerId, ...position }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 });
    return toPage(rows, limit);
  }

  static cursorOf(offer: Offer): string {
    return encodeCursor(MY_OFFERS_CURSOR, { t: offer.createdAt.toISOString(), i: offer.id });
  }

  /**
   * Only the offer's buyer and the listing's seller know the offer exists (NOT_FOUND for anyone
   * else); the wrong one of the two is FORBIDDEN. The change runs under the listing's row lock,
   * on a fresh read of the offer, and returns the domain events it makes, committed with it.
   */
  private async decide(offerId: string, decision: Decision, change: (offer: Offer, listing: Listing, tx: EntityManager) => AnyDomainEvent[] | Promise<AnyDomainEvent[]>): Promise<Offer> {
    const userId = requireUser(this.viewer);
    return this.em.transactional(async (tx) => {
      const found = await tx.findOne(Offer, { id: offerId }, { populate: ['listing'] });
      const role = found && (found.listing.sellerId === userId ? 'seller' : found.buyerId === userId ? 'buyer' : null);
      if (!found || !role) throw new NotFoundError('Offer');
      if (role !== decidedBy[decision]) throw new ForbiddenError(decidedBy[decision] === 'seller' ? 'Only the seller decides on an offer.' : 'Only the buyer withdraws an offer.');
      // Deleting a listing deletes its offers: either may have gone since the first read.
      const listing = await lockListing(tx, found.listing.id);
      const offer = listing && (await tx.findOne(Offer, { id: offerId }, { refresh: true }));
      if (!listing || !offer) throw new NotFoundError('Offer');
      const events = await change(offer, listing, tx);
      await tx.flush();
      await recordDomainEvents(tx, events);
      return offer;
    });
  }
}
