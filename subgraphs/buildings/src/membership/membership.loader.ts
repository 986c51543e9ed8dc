import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid, selectRecords } from '@lobby/platform';
import type { Viewer } from '../viewer.js';
import { Membership } from './membership.entity.js';
import { LIVE_STATUSES, type MembershipRole, MembershipStatus } from './membership.rules.js';

/**
 * A membership as GraphQL reads it: its columns, not a managed entity. The `Membership` entity
 * has the same shape, so resolvers take either.
 */
export interface MembershipRecord {
  id: string;
  building: { id: string };
  userId: string;
  status: MembershipStatus;
  role: MembershipRole;
  requestedAt: Date;
  joinedAt: Date | null;
}

/** The viewer's own membership of each building (any status), one query per batch; null when signed out. */
export function createViewerMembershipLoader(em: EntityManager, viewer: Viewer): DataLoader<string, Membership | null> {
  return new DataLoader(async (buildingIds) => {
    if (!viewer.userId) return buildingIds.map(() => null);
    const rows = await em.find(Membership, { userId: viewer.userId, building: { $in: [...new Set(buildingIds)] } });
    const byBuilding = new Map(rows.map((membership) => [membership.building.id, membership]));
    return buildingIds.map((id) => byBuilding.get(id) ?? null);
  });
}

type MembershipRow = Omit<MembershipRecord, 'building'> & { buildingId: string };

// The viewer's own live memberships, and anyone's ACTIVE ones in a building where the viewer is ACTIVE too.
const VISIBLE_MEMBERSHIPS = `
  select "m"."id", "m"."building_id" as "buildingId", "m"."user_id" as "userId", "m"."status", "m"."role", "m"."requested_at" as "requestedAt", "m"."joined_at" as "joinedAt"
  from "memberships" as "m"
  where "m"."user_id" in (?)
    and (("m"."user_id" = ? and "m"."status" in (?))
      or ("m"."status" = ? and "m"."building_id" in (select "mine"."building_id" from "memberships" as "mine" where "mine"."user_id" = ? and "mine"."status" = ?)))
  order by "m"."requested_at" asc, "m"."id" asc`;

/**
 * `User.buildings` for a batch of users, in one query: the viewer's own live (PENDING, ACTIVE)
 * memberships; for anyone else only ACTIVE memberships of buildings where the viewer is ACTIVE
 * too. Signed out, nobody's. Plain SQL into records: marketplace asks this for the caller on
 * every request that needs tenancy (docs/adr/0007-marketplace-tenancy.md), only to read it, and
 * MikroORM's query builder and hydration were most of its cost (docs/adr/0010-feed-hot-path.md).
 */
export function createVisibleMembershipsLoader(em: EntityManager, viewer: Viewer): DataLoader<string, MembershipRecord[]> {
  return new DataLoader(async (userIds) => {
    const viewerId = viewer.userId;
    const wanted = [...new Set(userIds.filter(isUuid).map((id) => id.toLowerCase()))];
    if (!viewerId || wanted.length === 0) return userIds.map(() => []);
    const { ACTIVE } = MembershipStatus;
    const params = [wanted, viewerId, [...LIVE_STATUSES], ACTIVE, viewerId, ACTIVE];
    const rows = await selectRecords<MembershipRow>(em, VISIBLE_MEMBERSHIPS, params, ['requestedAt', 'joinedAt']);
    const byUser = new Map<string, MembershipRecord[]>();
    for (const { buildingId, ...row } of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), { ...row, building: { id: buildingId } }]);
    return userIds.map((id) => byUser.get(id.toLowerCase()) ?? []);
  });
}
