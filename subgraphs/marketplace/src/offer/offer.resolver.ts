import { connectionOf, PageArgs, parseId } from '@lobby/platform';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { MarketplaceContext } from '../context.js';
import type { Listing } from '../listing/listing.entity.js';
import type { ListingRecord } from '../listing/listing.record.js';
import { ListingType } from '../listing/listing.type.js';
import { UserType, type UserReference } from '../user/user.type.js';
import type { Offer } from './offer.entity.js';
import { OfferService } from './offer.service.js';
import { OfferConnection, OfferType } from './offer.type.js';

@ArgsType()
class MakeOfferArgs {
  @Field(() => ID)
  listingId!: string;

  @Field(() => Int, { description: "Minor units of the listing's currency, 0 or more." })
  amount!: number;
}

@Resolver(() => OfferType)
export class OfferResolver {
  @Query(() => OfferConnection, { description: 'Your offers as a buyer, newest first. UNAUTHENTICATED when signed out.' })
  async myOffers(@Args(() => PageArgs) page: PageArgs, @Ctx() { offers }: MarketplaceContext) {
    return connectionOf(await offers.mine(page), OfferService.cursorOf);
  }

  @Mutation(() => OfferType, { description: "A PENDING offer on an ACTIVE listing you may see and do not sell; one pending offer per listing (CONFLICT)." })
  makeOffer(@Args(() => MakeOfferArgs) { listingId, amount }: MakeOfferArgs, @Ctx() { offers }: MarketplaceContext): Promise<Offer> {
    return offers.make(parseId(listingId, 'listingId'), amount);
  }

  @Mutation(() => OfferType, { description: 'The seller: the offer is ACCEPTED, the listing RESERVED, the other pending offers DECLINED.' })
  acceptOffer(@Arg('offerId', () => ID) offerId: string, @Ctx() { offers }: MarketplaceContext): Promise<Offer> {
    return offers.accept(parseId(offerId, 'offerId'));
  }

  @Mutation(() => OfferType, { description: 'The seller: PENDING → DECLINED.' })
  declineOffer(@Arg('offerId', () => ID) offerId: string, @Ctx() { offers }: MarketplaceContext): Promise<Offer> {
    return offers.decline(parseId(offerId, 'offerId'));
  }

  @Mutation(() => OfferType, { description: 'The buyer: PENDING or ACCEPTED → WITHDRAWN (an accepted one puts the listing back on sale).' })
  withdrawOffer(@Arg('offerId', () => ID) offerId: string, @Ctx() { offers }: MarketplaceContext): Promise<Offer> {
    return offers.withdraw(parseId(offerId, 'offerId'));
  }

  @FieldResolver(() => ListingType, { nullable: true, description: 'null once you may no longer see the listing.' })
  listing(@Root() offer: Offer, @Ctx() { loaders }: MarketplaceContext): Promise<Listing | null> {
    return loaders.listingById.load(offer.listing.id);
  }

  @FieldResolver(() => UserType)
  buyer(@Root() offer: Offer): UserReference {
    return { id: offer.buyerId };
  }
}

@Resolver(() => ListingType)
export class ListingOffersResolver {
  @FieldResolver(() => [OfferType], { description: "Its seller sees every offer, a buyer their own, anyone else none; newest first." })
  offers(@Root() listing: ListingRecord, @Ctx() { loaders }: MarketplaceContext): Promise<Offer[]> {
    return loaders.listingOffers.load(listing);
  }
}
