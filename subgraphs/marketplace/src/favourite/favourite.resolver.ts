import { connectionOf, PageArgs, parseId } from '@lobby/platform';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { MarketplaceContext } from '../context.js';
import type { Listing } from '../listing/listing.entity.js';
import type { ListingRecord } from '../listing/listing.record.js';
import { ListingConnection, ListingType } from '../listing/listing.type.js';
import { FavouriteService } from './favourite.service.js';

@Resolver(() => ListingType)
export class FavouriteResolver {
  @Query(() => ListingConnection, { description: 'Listings you saved and may still see, most recently saved first. UNAUTHENTICATED when signed out.' })
  async myFavorites(@Args(() => PageArgs) page: PageArgs, @Ctx() { favourites }: MarketplaceContext) {
    const { edges, pageInfo } = connectionOf(await favourites.page(page), FavouriteService.cursorOf);
    return { edges: edges.map(({ node, cursor }) => ({ node: node.listing, cursor })), pageInfo };
  }

  @Mutation(() => ListingType, { description: 'Saves a listing you may see; saving it again changes nothing.' })
  favoriteListing(@Arg('id', () => ID) id: string, @Ctx() { favourites }: MarketplaceContext): Promise<Listing> {
    return favourites.add(parseId(id, 'id'));
  }

  @Mutation(() => Boolean, { description: 'True when the listing was one of your favourites.' })
  unfavoriteListing(@Arg('id', () => ID) id: string, @Ctx() { favourites }: MarketplaceContext): Promise<boolean> {
    return favourites.remove(parseId(id, 'id'));
  }

  @FieldResolver(() => Boolean, { description: 'Whether you saved it; false when signed out.' })
  viewerHasFavorited(@Root() listing: ListingRecord, @Ctx() { loaders }: MarketplaceContext): Promise<boolean> {
    return loaders.viewerFavourite.load(listing.id);
  }
}
