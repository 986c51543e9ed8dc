import { connectionOf } from '@lobby/platform';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MarketplaceContext } from '../context.js';
import { ParentListingsArgs } from '../listing/listing.inputs.js';
import { parentListingCursor, parentListingsKey } from '../listing/listing.loader.js';
import { ListingStatus } from '../listing/listing.status.js';
import { ListingConnection } from '../listing/listing.type.js';
import { UserType, type UserReference } from './user.type.js';

@Resolver(() => UserType)
export class UserResolver {
  @FieldResolver(() => ListingConnection, {
    description: "The user's listings you may see, newest first: ACTIVE unless `status` says otherwise; drafts and archived ones only your own.",
  })
  async listings(@Root() user: UserReference, @Args(() => ParentListingsArgs) args: ParentListingsArgs, @Ctx() { loaders }: MarketplaceContext) {
    const key = parentListingsKey('seller_id', user.id, { ...args, status: args.status ?? ListingStatus.ACTIVE });
    return connectionOf(await loaders.listingsBySeller.load(key), (listing) => parentListingCursor('seller_id', listing));
  }
}
