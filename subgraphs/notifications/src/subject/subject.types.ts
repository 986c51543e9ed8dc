import { Directive, Field, ID, ObjectType } from 'type-graphql';

// The entities a notification can be about, each owned by another subgraph and declared here by key
// only (`resolvable: false`): the router fetches their fields from the owner, as the recipient, so the
// owner's access rules decide what the recipient sees of them.

/** chat's Conversation. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Conversation')
export class ConversationType {
  @Field(() => ID)
  id!: string;
}

/** marketplace's Listing. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Listing')
export class ListingType {
  @Field(() => ID)
  id!: string;
}

/** buildings' Building. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Building')
export class BuildingType {
  @Field(() => ID)
  id!: string;
}

/** media's Media (an upload and its variants). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Media')
export class MediaType {
  @Field(() => ID)
  id!: string;
}
