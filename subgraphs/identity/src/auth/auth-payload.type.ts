import { Field, ObjectType } from 'type-graphql';
import { UserType } from '../user/user.type.js';

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`; expires at `expiresAt`.' })
  accessToken!: string;

  @Field(() => String, { description: 'Exchange with `refreshSession` for a new pair; good for one use.' })
  refreshToken!: string;

  @Field(() => Date, { description: 'When the access token expires.' })
  expiresAt!: Date;

  @Field(() => UserType)
  user!: UserType;
}
