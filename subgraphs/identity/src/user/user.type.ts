import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A Lobby account. Other subgraphs extend it by `id`. */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Date)
  createdAt!: Date;
}
