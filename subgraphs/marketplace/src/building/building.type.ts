import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** buildings' Building, re-declared by key: this subgraph adds `listings`; names and addresses stay with buildings. */
@Directive('@key(fields: "id")')
@ObjectType('Building')
export class BuildingType {
  @Field(() => ID)
  id!: string;
}

/** What a `Building` is here: its key. */
export interface BuildingReference {
  id: string;
}
