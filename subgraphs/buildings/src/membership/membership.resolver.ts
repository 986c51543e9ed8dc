import { parseId, selectsOnly } from '@lobby/platform';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BuildingRecord } from '../building/building.loader.js';
import { BuildingType } from '../building/building.type.js';
import type { BuildingsContext } from '../context.js';
import { requireUser } from '../viewer.js';
import { UserType, type UserReference } from '../user/user.type.js';
import type { Membership } from './membership.entity.js';
import type { MembershipRecord } from './membership.loader.js';
import { MembershipRole } from './membership.rules.js';
import { MembershipType } from './membership.type.js';

@ArgsType()
class ChangeRoleArgs {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => MembershipRole)
  role!: MembershipRole;
}

@Resolver(() => MembershipType)
export class MembershipResolver {
  @Query(() => [MembershipType], { description: "The signed-in user's PENDING and ACTIVE memberships; UNAUTHENTICATED when signed out." })
  myBuildings(@Ctx() { viewer, loaders }: BuildingsContext): Promise<MembershipRecord[]> {
    return loaders.visibleMemberships.load(requireUser(viewer));
  }

  @Mutation(() => MembershipType, { description: 'Idempotent while PENDING; CONFLICT when already ACTIVE.' })
  requestMembership(@Arg('buildingId', () => ID) buildingId: string, @Ctx() { memberships }: BuildingsContext): Promise<Membership> {
    return memberships.request(parseId(buildingId, 'buildingId'));
  }

  @Mutation(() => MembershipType, { description: 'Active managers: PENDING → ACTIVE.' })
  approveMembership(@Arg('membershipId', () => ID) membershipId: string, @Ctx() { memberships }: BuildingsContext): Promise<Membership> {
    return memberships.approve(parseId(membershipId, 'membershipId'));
  }

  @Mutation(() => MembershipType, { description: 'Active managers: PENDING → REJECTED.' })
  rejectMembership(@Arg('membershipId', () => ID) membershipId: string, @Ctx() { memberships }: BuildingsContext): Promise<Membership> {
    return memberships.reject(parseId(membershipId, 'membershipId'));
  }

  @Mutation(() => MembershipType, { description: 'Active managers: ACTIVE → REMOVED; never the last active manager.' })
  removeMember(@Arg('membershipId', () => ID) membershipId: string, @Ctx() { memberships }: BuildingsContext): Promise<Membership> {
    return memberships.remove(parseId(membershipId, 'membershipId'));
  }

  @Mutation(() => MembershipType, { description: "Active managers: an active member's role; never demoting the last active manager." })
  changeMemberRole(@Args(() => ChangeRoleArgs) { membershipId, role }: ChangeRoleArgs, @Ctx() { memberships }: BuildingsContext): Promise<Membership> {
    return memberships.changeRole(parseId(membershipId, 'membershipId'), role);
  }

  @Mutation(() => MembershipType, { description: 'Leave the building, or withdraw a pending request. The last active manager cannot leave.' })
  leaveBuilding(@Arg('buildingId', () => ID) buildingId: string, @Ctx() { memberships }: BuildingsContext): Promise<Membership> {
    return memberships.leave(parseId(buildingId, 'buildingId'));
  }

  @FieldResolver(() => BuildingType)
  async building(@Root() membership: MembershipRecord, @Ctx() { loaders }: BuildingsContext, @Info() info: GraphQLResolveInfo): Promise<BuildingRecord | { id: string }> {
    // Asked for its key only (as marketplace's membership lookup is): the key is on this row already.
    if (selectsOnly(info, ['id', '__typename'])) return { id: membership.building.id };
    // The foreign key cascades, so a membership's building always exists.
    return (await loaders.buildingById.load(membership.building.id))!;
  }

  @FieldResolver(() => UserType)
  user(@Root() membership: MembershipRecord): UserReference {
    return { id: membership.userId };
  }
}
