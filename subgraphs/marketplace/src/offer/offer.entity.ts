import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Listing } from '../listing/listing.entity.js';
import { OfferStatus } from './offer.status.js';

/** A buyer's price for a listing, in the listing's currency at the time of the offer. */
@Entity({ tableName: 'offers' })
@Check({ name: 'offers_amount_check', expression: 'amount >= 0' })
// A listing's offers (its seller's view; declining the others on accept).
@Index({ properties: ['listing', 'status'] })
// myOffers: a buyer's offers, newest first.
@Index({ properties: ['buyerId', 'createdAt', 'id'] })
export class Offer {
  [OptionalProps]?: 'id' | 'status' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Listing, { deleteRule: 'cascade' })
  listing!: Listing;

  /** identity's user id. */
  @Property({ type: 'uuid' })
  buyerId!: string;

  /** Minor units of `currency`. */
  @Property({ type: 'integer' })
  amount!: number;

  @Property({ type: 'text' })
  currency!: string;

  @Enum({ items: () => OfferStatus, type: 'text' })
  status: OfferStatus = OfferStatus.PENDING;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
