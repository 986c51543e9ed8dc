import { connectionOf } from '@lobby/platform';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MarketplaceContext } from '../context.js';
import { ParentListingsArgs } from '../listing/listing.inputs.js';
import { parentListingCursor, parentListingsKey } from '../listing/listing.loader.js';
import { ListingStatus } from '../listing/listing.status.js';
import { ListingConnection } from '../listing/listing.type.js';
import { BuildingType, type BuildingReference } from './building.type.js';

@Resolver(() => BuildingType)
export class BuildingResolver {
  @FieldResolver(() => ListingConnection, {
    description: "The building's listings you may see, newest first: PUBLIC ones for everyone, all of them for its ACTIVE members. ACTIVE unless `status` says otherwise.",
  })
  async listings(@Root() building: BuildingReference, @Args(() => ParentListingsArgs) args: ParentListingsArgs, @Ctx() { loaders }: MarketplaceContext) {
    const key = parentListingsKey('building_id', building.id, { ...args, status: args.status ?? ListingStatus.ACTIVE });
    return connectionOf(await loaders.listingsByBuilding.load(key), (listing) => parentListingCursor('building_id', listing));
  }
}
