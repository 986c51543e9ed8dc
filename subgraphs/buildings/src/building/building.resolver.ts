import { connectionOf, PageArgs, UserInputError } from '@lobby/platform';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BuildingsContext } from '../context.js';
import { parseId } from '@lobby/platform';
import type { Membership } from '../membership/membership.entity.js';
import { MembershipService } from '../membership/membership.service.js';
import { MembershipConnection, MembershipType } from '../membership/membership.type.js';
import type { Building } from './building.entity.js';
import type { BuildingRecord } from './building.loader.js';
import { BuildingLookupArgs, CreateBuildingInput, DirectoryArgs, UpdateBrandingArgs } from './building.inputs.js';
import { BuildingService } from './building.service.js';
import { BrandingType, BuildingConnection, BuildingType } from './building.type.js';

@Resolver(() => BuildingType)
export class BuildingResolver {
  @Query(() => BuildingType, { nullable: true, description: 'By id or by slug (exactly one of them); null when there is none.' })
  building(@Args(() => BuildingLookupArgs) { id, slug }: BuildingLookupArgs, @Ctx() { buildings, loaders }: BuildingsContext): Promise<BuildingRecord | null> {
    if (id && !slug) return loaders.buildingById.load(parseId(id, 'id'));
    if (slug && !id) return buildings.findBySlug(slug);
    throw new UserInputError('Give exactly one of id and slug.', 'id');
  }

  @Query(() => BuildingConnection, { description: 'The public directory, by slug; `search` matches the name or city, any case.' })
  async buildings(@Args(() => DirectoryArgs) args: DirectoryArgs, @Ctx() { buildings }: BuildingsContext) {
    return connectionOf(await buildings.directory(args), BuildingService.cursorOf);
  }

  @Mutation(() => BuildingType, { description: 'The creator becomes its first (ACTIVE) MANAGER.' })
  createBuilding(@Arg('input', () => CreateBuildingInput) input: CreateBuildingInput, @Ctx() { buildings }: BuildingsContext): Promise<Building> {
    return buildings.create(input);
  }

  @Mutation(() => BuildingType, { description: "Active managers: the building's accent colour and logo." })
  updateBuildingBranding(@Args(() => UpdateBrandingArgs) { buildingId, input }: UpdateBrandingArgs, @Ctx() { buildings }: BuildingsContext): Promise<Building> {
    return buildings.updateBranding(parseId(buildingId, 'buildingId'), input);
  }

  @FieldResolver(() => BrandingType)
  branding(@Root() building: BuildingRecord): BrandingType {
    return { accentColor: building.accentColor, logoMediaId: building.logoMediaId };
  }

  @FieldResolver(() => Int, { description: 'ACTIVE members.' })
  memberCount(@Root() building: BuildingRecord, @Ctx() { loaders }: BuildingsContext): Promise<number> {
    return loaders.memberCount.load(building.id);
  }

  @FieldResolver(() => MembershipType, { nullable: true, description: "The signed-in user's own membership, whatever its status; null if none." })
  viewerMembership(@Root() building: BuildingRecord, @Ctx() { loaders }: BuildingsContext): Promise<Membership | null> {
    return loaders.viewerMembership.load(building.id);
  }

  @FieldResolver(() => MembershipConnection, {
    nullable: true,
    description: 'ACTIVE members, by the time they joined. Only for ACTIVE members: null with FORBIDDEN (UNAUTHENTICATED signed out) for anyone else.',
  })
  async members(@Root() building: BuildingRecord, @Args(() => PageArgs) page: PageArgs, @Ctx() { memberships }: BuildingsContext) {
    return connectionOf(await memberships.members(building, page), (m) => MembershipService.cursorOf('members', m));
  }

  @FieldResolver(() => MembershipConnection, {
    nullable: true,
    description: 'PENDING requests, oldest first. Only for ACTIVE managers: null with FORBIDDEN (UNAUTHENTICATED signed out) for anyone else.',
  })
  async pendingRequests(@Root() building: BuildingRecord, @Args(() => PageArgs) page: PageArgs, @Ctx() { memberships }: BuildingsContext) {
    return connectionOf(await memberships.pendingRequests(building, page), (m) => MembershipService.cursorOf('pendingRequests', m));
  }
}
