import { buildFederatedSchema } from '@lobby/platform';
import type { GraphQLSchema } from 'graphql';
import { buildingReference } from './building/building.reference.js';
import { BuildingResolver } from './building/building.resolver.js';
import { CategoryResolver } from './category/category.resolver.js';
import { FavouriteResolver } from './favourite/favourite.resolver.js';
import { listingReference } from './listing/listing.reference.js';
import { ListingResolver } from './listing/listing.resolver.js';
import { ListingOffersResolver, OfferResolver } from './offer/offer.resolver.js';
import { userReference } from './user/user.reference.js';
import { UserResolver } from './user/user.resolver.js';

export function buildMarketplaceSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ListingResolver, CategoryResolver, FavouriteResolver, OfferResolver, ListingOffersResolver, UserResolver, BuildingResolver],
    referenceResolvers: { ...listingReference, ...userReference, ...buildingReference },
  });
}
