import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ListingSort } from './listing.cursor.js';
import { ListingCondition, ListingStatus, ListingVisibility } from './listing.status.js';

@InputType()
export class CreateListingInput {
  @Field(() => ID, { description: 'A building where you are an ACTIVE member.' })
  buildingId!: string;

  @Field(() => String, { description: '3 to 120 characters.' })
  title!: string;

  @Field(() => String, { description: 'At most 5000 characters; may be empty.' })
  description!: string;

  @Field(() => Int, { description: 'Minor units of the currency, such as cents; 0 is free.' })
  priceAmount!: number;

  @Field(() => String, { description: 'ISO 4217 code, such as EUR or VND.' })
  currency!: string;

  @Field(() => ID)
  categoryId!: string;

  @Field(() => ListingCondition)
  condition!: ListingCondition;

  @Field(() => ListingVisibility, { nullable: true, description: 'BUILDING when absent.' })
  visibility?: ListingVisibility | null;

  @Field(() => [ID], { nullable: true, description: 'Media ids, at most 10.' })
  photoIds?: string[] | null;
}

/** Absent or null fields stay as they are. */
@InputType()
export class UpdateListingInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  priceAmount?: number | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => ListingCondition, { nullable: true })
  condition?: ListingCondition | null;

  @Field(() => ListingVisibility, { nullable: true })
  visibility?: ListingVisibility | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the photos; [] removes them all.' })
  photoIds?: string[] | null;
}

@InputType()
export class ListingFilterInput {
  @Field(() => ID, { nullable: true })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The category and its subcategories.' })
  categoryId?: string | null;

  @Field(() => Int, { nullable: true, description: 'In minor units, inclusive.' })
  priceMin?: number | null;

  @Field(() => Int, { nullable: true, description: 'In minor units, inclusive.' })
  priceMax?: number | null;

  @Field(() => ListingCondition, { nullable: true })
  condition?: ListingCondition | null;

  @Field(() => ListingStatus, { nullable: true, description: 'ACTIVE when absent. DRAFT and ARCHIVED find only your own listings.' })
  status?: ListingStatus | null;

  @Field(() => ID, { nullable: true })
  sellerId?: string | null;
}

@ArgsType()
export class ListingsArgs {
  @Field(() => ListingFilterInput, { nullable: true })
  filter?: ListingFilterInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'Words to find in the title or description (all of them, any order), or a part of the title; at most 200 characters. Every character is literal.',
  })
  query?: string | null;

  @Field(() => ListingSort, { nullable: true, description: 'RELEVANCE when there is a query, NEWEST otherwise.' })
  sort?: ListingSort | null;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when absent.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page, with the same query, filter and sort.' })
  after?: string | null;
}

/** A seller's or a building's listings, newest first. */
@ArgsType()
export class ParentListingsArgs {
  @Field(() => ListingStatus, { nullable: true, description: 'ACTIVE when absent.' })
  status?: ListingStatus | null;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when absent.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}
