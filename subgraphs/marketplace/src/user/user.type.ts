import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** identity's User, re-declared by key: this subgraph adds `listings` and knows nothing else of users. */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;
}

/** What a `User` is here: its key. */
export interface UserReference {
  id: string;
}
