import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid, selectRecords } from '@lobby/platform';
import { Membership } from '../membership/membership.entity.js';
import { MembershipStatus } from '../membership/membership.rules.js';

/**
 * A building as GraphQL reads it: its columns, not a managed entity. The `Building` entity has
 * the same shape, so resolvers take either.
 */
export interface BuildingRecord {
  id: string;
  name: string;
  slug: string;
  address: string;
  city: string;
  country: string;
  accentColor: string;
  logoMediaId: string | null;
  createdAt: Date;
}

const BUILDINGS_BY_ID = `
  select "id", "name", "slug", "address", "city", "country", "accent_color" as "accentColor", "logo_media_id" as "logoMediaId", "created_at" as "createdAt"
  from "buildings" where "id" in (?)`;

/**
 * Buildings by id, one query per batch: `_entities` for a page of buildings costs one SELECT.
 * Plain SQL into records rather than `em.find`: every marketplace feed resolves ~20 buildings
 * here, only to read them, and MikroORM's hydration and identity map were most of the cost
 * (docs/adr/0010-feed-hot-path.md).
 */
export function createBuildingLoader(em: EntityManager): DataLoader<string, BuildingRecord | null> {
  return new DataLoader(async (ids) => {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const buildings = wanted.length ? await selectRecords<BuildingRecord>(em, BUILDINGS_BY_ID, [wanted], ['createdAt']) : [];
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
