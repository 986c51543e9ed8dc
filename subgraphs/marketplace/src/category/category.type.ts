import { Field, ID, ObjectType } from 'type-graphql';

/** A node of the category tree. Filtering listings by a category includes its subcategories. */
@ObjectType('Category')
export class CategoryType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Stable, lower-case and hyphenated, such as `electronics-phones`; clients translate names by it.' })
  slug!: string;

  @Field(() => String, { description: 'English display name.' })
  name!: string;
}
