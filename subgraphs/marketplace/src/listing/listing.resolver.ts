import { NotFoundError, connectionOf, parseId } from '@lobby/platform';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BuildingType, type BuildingReference } from '../building/building.type.js';
import type { Category } from '../category/category.entity.js';
import { CategoryType } from '../category/category.type.js';
import type { MarketplaceContext } from '../context.js';
import { MediaType, type MediaReference } from '../media/media.type.js';
import { UserType, type UserReference } from '../user/user.type.js';
import type { Listing } from './listing.entity.js';
import type { ListingRecord } from './listing.record.js';
import { CreateListingInput, ListingsArgs, UpdateListingInput } from './listing.inputs.js';
import { ListingConnection, ListingType, MoneyType } from './listing.type.js';

const optionalId = (value: string | null | undefined, field: string) => (value ? parseId(value, field) : null);

@ArgsType()
class UpdateListingArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => UpdateListingInput)
  input!: UpdateListingInput;
}

@Resolver(() => ListingType)
export class ListingResolver {
  @Query(() => ListingType, { nullable: true, description: 'null with NOT_FOUND for a listing that does not exist or that you may not see (the two are indistinguishable).' })
  async listing(@Arg('id', () => ID) id: string, @Ctx() { loaders }: MarketplaceContext): Promise<Listing> {
    const listing = await loaders.listingById.load(parseId(id, 'id'));
    if (!listing) throw new NotFoundError('Listing');
    return listing;
  }

  @Query(() => ListingConnection, { description: 'Listings you may see that match the filter and query, one page at a time.' })
  async listings(@Args(() => ListingsArgs) { filter, ...args }: ListingsArgs, @Ctx() { listings }: MarketplaceContext) {
    const parsed = filter && {
      ...filter,
      buildingId: optionalId(filter.buildingId, 'buildingId'),
      categoryId: optionalId(filter.categoryId, 'categoryId'),
      sellerId: optionalId(filter.sellerId, 'sellerId'),
    };
    const { page, cursorOf } = await listings.search({ ...args, filter: parsed });
    const { edges, pageInfo } = connectionOf(page, cursorOf);
    return { edges: edges.map(({ node, cursor }) => ({ node: node.listing, cursor })), pageInfo };
  }

  @Mutation(() => ListingType, { description: 'A DRAFT in a building where you are an ACTIVE member (FORBIDDEN otherwise).' })
  createListing(@Arg('input', () => CreateListingInput) input: CreateListingInput, @Ctx() { listings }: MarketplaceContext): Promise<Listing> {
    return listings.create({ ...input, buildingId: parseId(input.buildingId, 'buildingId'), categoryId: parseId(input.categoryId, 'categoryId') });
  }

  @Mutation(() => ListingType, { description: 'The seller: edit a DRAFT, ACTIVE or ARCHIVED listing.' })
  updateListing(@Args(() => UpdateListingArgs) { id, input }: UpdateListingArgs, @Ctx() { listings }: MarketplaceContext): Promise<Listing> {
    return listings.update(parseId(id, 'id'), { ...input, categoryId: optionalId(input.categoryId, 'categoryId') });
  }

  @Mutation(() => ListingType, { description: 'The seller, still an ACTIVE member of the building: DRAFT or ARCHIVED → ACTIVE.' })
  publishListing(@Arg('id', () => ID) id: string, @Ctx() { listings }: MarketplaceContext): Promise<Listing> {
    return listings.publish(parseId(id, 'id'));
  }

  @Mutation(() => ListingType, { description: 'The seller: DRAFT, ACTIVE or RESERVED → ARCHIVED; pending offers are declined.' })
  archiveListing(@Arg('id', () => ID) id: string, @Ctx() { listings }: MarketplaceContext): Promise<Listing> {
    return listings.archive(parseId(id, 'id'));
  }

  @Mutation(() => ListingType, { description: 'The seller: ACTIVE or RESERVED → SOLD; pending offers are declined.' })
  markListingSold(@Arg('id', () => ID) id: string, @Ctx() { listings }: MarketplaceContext): Promise<Listing> {
    return listings.markSold(parseId(id, 'id'));
  }

  @Mutation(() => ID, { description: 'The seller: deletes a DRAFT, ACTIVE or ARCHIVED listing with its offers and favourites; returns its id.' })
  deleteListing(@Arg('id', () => ID) id: string, @Ctx() { listings }: MarketplaceContext): Promise<string> {
    return listings.delete(parseId(id, 'id'));
  }

  @FieldResolver(() => MoneyType)
  price(@Root() listing: ListingRecord): MoneyType {
    return { amount: listing.priceAmount, currency: listing.currency };
  }

  @FieldResolver(() => CategoryType)
  async category(@Root() listing: ListingRecord, @Ctx() { categories }: MarketplaceContext): Promise<Category> {
    // The foreign key restricts deletion, so a listing's category always exists.
    return (await categories()).find((category) => category.id === listing.category.id)!;
  }

  @FieldResolver(() => UserType)
  seller(@Root() listing: ListingRecord): UserReference {
    return { id: listing.sellerId };
  }

  @FieldResolver(() => [MediaType], { description: 'The photos, in display order (resolved by the media subgraph).' })
  photos(@Root() listing: ListingRecord): MediaReference[] {
    return listing.photoIds.map((id) => ({ id }));
  }

  @FieldResolver(() => BuildingType)
  building(@Root() listing: ListingRecord): BuildingReference {
    return { id: listing.buildingId };
  }
}
