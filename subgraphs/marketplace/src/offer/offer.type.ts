import { PageInfo } from '@lobby/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Offer } from './offer.entity.js';
import { OfferStatus } from './offer.status.js';

registerEnumType(OfferStatus, {
  name: 'OfferStatus',
  description: 'PENDING → ACCEPTED, DECLINED or WITHDRAWN; an ACCEPTED offer can still be WITHDRAWN by the buyer.',
});

/** A buyer's price for a listing. Only the buyer and the seller see it. */
@ObjectType('Offer')
export class OfferType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "Minor units of the listing's currency at the time of the offer." })
  amount!: number;

  @Field(() => String, { description: 'ISO 4217.' })
  currency!: string;

  @Field(() => OfferStatus)
  status!: OfferStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType('OfferEdge')
export class OfferEdge {
  @Field(() => OfferType)
  node!: Offer;

  @Field(() => String)
  cursor!: string;
}

@ObjectType('OfferConnection')
export class OfferConnection {
  @Field(() => [OfferEdge])
  edges!: OfferEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
