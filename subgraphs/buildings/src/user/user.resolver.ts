import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { BuildingsContext } from '../context.js';
import type { MembershipRecord } from '../membership/membership.loader.js';
import { MembershipType } from '../membership/membership.type.js';
import { UserType, type UserReference } from './user.type.js';

@Resolver(() => UserType)
export class UserResolver {
  @FieldResolver(() => [MembershipType], {
    description: "Your own PENDING and ACTIVE memberships; for another user, only the buildings where you are both ACTIVE members. Empty when signed out.",
  })
  buildings(@Root() user: UserReference, @Ctx() { loaders }: BuildingsContext): Promise<MembershipRecord[]> {
    return loaders.visibleMemberships.load(user.id);
  }
}
