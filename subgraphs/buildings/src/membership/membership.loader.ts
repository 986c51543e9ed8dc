import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '@lobby/platform';
import type { Viewer } from '../viewer.js';
import { Membership } from './membership.entity.js';
import { LIVE_STATUSES, MembershipStatus } from './membership.rules.js';

/** The viewer's own membership of each building (any status), one query per batch; null when signed out. */
export function createViewerMembershipLoader(em: EntityManager, viewer: Viewer): DataLoader<string, Membership | null> {
  return new DataLoader(async (buildingIds) => {
    if (!viewer.userId) return buildingIds.map(() => null);
    const rows = await em.find(Membership, { userId: viewer.userId, building: { $in: [...new Set(buildingIds)] } });
    const byBuilding = new Map(rows.map((membership) => [membership.building.id, membership]));
    return buildingIds.map((id) => byBuilding.get(id) ?? null);
  });
}

/**
 * `User.buildings` for a batch of users, in one query: the viewer's own live (PENDING, ACTIVE)
 * memberships; for anyone else only ACTIVE memberships of buildings where the viewer is ACTIVE
 * too. Signed out, nobody's.
 */
export function createVisibleMembershipsLoader(em: EntityManager, viewer: Viewer): DataLoader<string, Membership[]> {
  return new DataLoader(async (userIds) => {
    const viewerId = viewer.userId;
    const wanted = [...new Set(userIds.filter(isUuid).map((id) => id.toLowerCase()))];
    if (!viewerId || wanted.length === 0) return userIds.map(() => []);
    const viewersBuildings = em
      .createQueryBuilder(Membership, 'mine')
      .select('mine.building')
      .where({ userId: viewerId, status: MembershipStatus.ACTIVE })
      .getKnexQuery();
    const rows = await em
      .createQueryBuilder(Membership, 'm')
      .select('*')
      .where({
        userId: { $in: wanted },
        $or: [
          { userId: viewerId, status: { $in: [...LIVE_STATUSES] } },
          { status: MembershipStatus.ACTIVE, building: { $in: viewersBuildings } },
        ],
      })
      .orderBy({ requestedAt: 'asc', id: 'asc' })
      .getResultList();
    const byUser = new Map<string, Membership[]>();
    for (const membership of rows) byUser.set(membership.userId, [...(byUser.get(membership.userId) ?? []), membership]);
    return userIds.map((id) => byUser.get(id.toLowerCase()) ?? []);
  });
}
