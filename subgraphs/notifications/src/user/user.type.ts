import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** identity's User, by key only: notifications stores user ids and lets the router fetch the rest from identity. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;
}

/** What a `User` is here: its key. */
export interface UserReference {
  id: string;
}
