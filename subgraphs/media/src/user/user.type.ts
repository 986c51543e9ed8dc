import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** identity's User, re-declared by key: this subgraph adds `avatar` and knows nothing else of users. */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;
}

export interface UserReference {
  id: string;
}
