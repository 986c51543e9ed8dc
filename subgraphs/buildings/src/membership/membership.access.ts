import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError, NotFoundError } from '@lobby/platform';
import { Building } from '../building/building.entity.js';
import { Membership } from './membership.entity.js';
import { isActiveManager, MembershipRole, MembershipStatus } from './membership.rules.js';

/**
 * Every change to a building's memberships or branding first takes the building's row lock
 * (inside the caller's transaction). Changes to one building are serialised, so rules that span
 * rows — one live membership per user, never zero managers — hold under concurrent requests.
 * The reads after it are fresh (`refresh`), never the identity map's copy from before the lock.
 */
export async function lockBuilding(tx: EntityManager, buildingId: string): Promise<Building> {
  const building = await tx.findOne(Building, { id: buildingId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!building) throw new NotFoundError('Building');
  return building;
}

/** The actor's membership if it is an ACTIVE MANAGER of `building`; FORBIDDEN otherwise. */
export async function requireActiveManager(tx: EntityManager, building: Building, userId: string): Promise<Membership> {
  const actor = await tx.findOne(Membership, { building, userId }, { refresh: true });
  if (!actor || !isActiveManager(actor)) throw new ForbiddenError('Only an active manager of this building may do that.');
  return actor;
}

export function countActiveManagers(tx: EntityManager, building: Building): Promise<number> {
  return tx.count(Membership, { building, status: MembershipStatus.ACTIVE, role: MembershipRole.MANAGER });
}

/** The user ids of a building's ACTIVE managers: whom a membership request is for. */
export async function activeManagerIds(tx: EntityManager, building: Building): Promise<string[]> {
  const managers = await tx.find(Membership, { building, status: MembershipStatus.ACTIVE, role: MembershipRole.MANAGER }, { fields: ['userId'] });
  return managers.map((manager) => manager.userId);
}
