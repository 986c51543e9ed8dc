import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** media's Media, by key only: marketplace stores photo ids and lets the router fetch the rest from media. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Media')
export class MediaType {
  @Field(() => ID)
  id!: string;
}

export interface MediaReference {
  id: string;
}
