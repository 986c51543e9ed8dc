import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallerContext } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { type BuildingRecord, createBuildingLoader, createMemberCountLoader } from './building/building.loader.js';
import { BuildingService } from './building/building.service.js';
import type { Membership } from './membership/membership.entity.js';
import { createViewerMembershipLoader, createVisibleMembershipsLoader, type MembershipRecord } from './membership/membership.loader.js';
import { MembershipService } from './membership/membership.service.js';
import type { Viewer } from './viewer.js';

export interface BuildingsLoaders {
  buildingById: DataLoader<string, BuildingRecord | null>;
  memberCount: DataLoader<string, number>;
  viewerMembership: DataLoader<string, Membership | null>;
  visibleMemberships: DataLoader<string, MembershipRecord[]>;
}

/** What every buildings resolver sees: built fresh for each request (own EntityManager fork and loaders). */
export interface BuildingsContext {
  caller: CallerContext;
  viewer: Viewer;
  em: EntityManager;
  buildings: BuildingService;
  memberships: MembershipService;
  loaders: BuildingsLoaders;
}

export function createBuildingsContext(caller: CallerContext, em: EntityManager): BuildingsContext {
  const viewer: Viewer = { userId: caller.userId };
  const loaders: BuildingsLoaders = {
    buildingById: createBuildingLoader(em),
    memberCount: createMemberCountLoader(em),
    viewerMembership: createViewerMembershipLoader(em, viewer),
    visibleMemberships: createVisibleMembershipsLoader(em, viewer),
  };
  return {
    caller,
    viewer,
    em,
    buildings: new BuildingService(em, viewer),
    memberships: new MembershipService(em, viewer, loaders.viewerMembership),
    loaders,
  };
}
