import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '@lobby/platform';
import { Membership } from '../membership/membership.entity.js';
import { MembershipStatus } from '../membership/membership.rules.js';
import { Building } from './building.entity.js';

/** Buildings by id, one query per batch: `_entities` for a page of buildings costs one SELECT. */
export function createBuildingLoader(em: EntityManager): DataLoader<string, Building | null> {
  return new DataLoader(async (ids) => {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const buildings = wanted.length ? await em.find(Building, { id: { $in: wanted } }) : [];
    const byId = new Map(buildings.map((building) => [building.id, building]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

/** ACTIVE members per building id: one grouped COUNT for every building a response asks about. */
export function createMemberCountLoader(em: EntityManager): DataLoader<string, number> {
  return new DataLoader(async (buildingIds) => {
    const rows = await em
      .createQueryBuilder(Membership, 'm')
      .select(['m.building', raw('count(*) as active')])
      .where({ building: { $in: [...new Set(buildingIds)] }, status: MembershipStatus.ACTIVE })
      .groupBy('m.building')
      .execute<Array<{ building: string; active: string | number }>>('all');
    const counts = new Map(rows.map((row) => [row.building, Number(row.active)]));
    return buildingIds.map((id) => counts.get(id) ?? 0);
  });
}
