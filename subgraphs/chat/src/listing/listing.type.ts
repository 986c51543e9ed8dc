import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** marketplace's Listing, by key only: chat stores the id and lets the router fetch the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Listing')
export class ListingType {
  @Field(() => ID)
  id!: string;
}
