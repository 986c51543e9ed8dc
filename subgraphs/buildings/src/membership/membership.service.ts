import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnyDomainEvent } from '@lobby/contracts';
import { ConflictError, ForbiddenError, NotFoundError, decodeCursor, encodeCursor, pageSize, recordDomainEvents, toPage, type Page } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { z } from 'zod';
import type { Building } from '../building/building.entity.js';
import { membershipApprovedEvent, membershipRequestedEvent } from '../domain-events.js';
import { requireUser, type Viewer } from '../viewer.js';
import { activeManagerIds, countActiveManagers, lockBuilding, requireActiveManager } from './membership.access.js';
import { Membership } from './membership.entity.js';
import { MembershipRole, MembershipStatus, canTransition, wouldLeaveNoManager } from './membership.rules.js';

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

/** A building's members by the time they joined; its pending requests by the time they asked. */
const LISTS = {
  members: { kind: 'member', status: MembershipStatus.ACTIVE, order: 'joinedAt' },
  pendingRequests: { kind: 'pending-request', status: MembershipStatus.PENDING, order: 'requestedAt' },
} as const;
type ListName = keyof typeof LISTS;

const listCursor = z.object({ t: z.iso.datetime(), i: z.uuid() });

/** What a manager's change to a membership makes: nothing to tell, or domain events. */
type ManagedChange = AnyDomainEvent[] | void;

const LAST_MANAGER = 'A building must keep at least one active manager: make another member a manager first.';

export class MembershipService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    /** The viewer's own membership per building id (batched: a directory page costs one query). */
    private readonly viewerMemberships: DataLoader<string, Membership | null>,
  ) {}

  /**
   * Asks to join. Asking again while PENDING returns the same request; asking while ACTIVE is a
   * CONFLICT; after a rejection, leaving or removal the same row reopens as PENDING.
   */
  async request(buildingId: string): Promise<Membership> {
    const userId = requireUser(this.viewer);
    return this.em.transactional(async (tx) => {
      const building = await lockBuilding(tx, buildingId);
      const existing = await tx.findOne(Membership, { building, userId }, { refresh: true });
      if (existing?.status === MembershipStatus.PENDING) return existing;
      if (existing?.status === MembershipStatus.ACTIVE) throw new ConflictError('You are already a member of this building.');
      const requested = existing
        ? Object.assign(existing, { status: MembershipStatus.PENDING, role: MembershipRole.RESIDENT, requestedAt: new Date() })
        : tx.create(Membership, { building, userId, status: MembershipStatus.PENDING, role: MembershipRole.RESIDENT });
      await tx.flush();
      await recordDomainEvents(tx, [membershipRequestedEvent(requested, await activeManagerIds(tx, building))]);
      return requested;
    });
  }

  /** Managers: PENDING → ACTIVE (approving an ACTIVE membership again changes nothing). */
  approve(membershipId: string): Promise<Membership> {
    return this.manage(membershipId, (target, _tx, _building, managerId) => {
      if (target.status === MembershipStatus.ACTIVE) return;
      this.move(target, MembershipStatus.ACTIVE, 'Only a pending request can be approved.');
      target.joinedAt = new Date();
      return [membershipApprovedEvent(target, managerId)];
    });
  }

  /** Managers: PENDING → REJECTED (rejecting again changes nothing). */
  reject(membershipId: string): Promise<Membership> {
    return this.manage(membershipId, (target) => {
      if (target.status === MembershipStatus.REJECTED) return;
      this.move(target, MembershipStatus.REJECTED, 'Only a pending request can be rejected.');
    });
  }

  /** Managers: ACTIVE → REMOVED, never the building's last active manager. */
  remove(membershipId: string): Promise<Membership> {
    return this.manage(membershipId, async (target, tx, building) => {
      if (target.status === MembershipStatus.REMOVED) return;
      if (wouldLeaveNoManager(target, await countActiveManagers(tx, building))) throw new ConflictError(LAST_MANAGER);
      this.move(target, MembershipStatus.REMOVED, 'Only an active member can be removed; reject a pending request instead.');
    });
  }

  /** Managers: make an ACTIVE member a MANAGER or a RESIDENT, never demoting the last manager. */
  changeRole(membershipId: string, role: MembershipRole): Promise<Membership> {
    return this.manage(membershipId, async (target, tx, building) => {
      if (target.status !== MembershipStatus.ACTIVE) throw new ConflictError("Only an active member's role can change.");
      if (role === target.role) return;
      if (role === MembershipRole.RESIDENT && wouldLeaveNoManager(target, await countActiveManagers(tx, building))) {
        throw new ConflictError(LAST_MANAGER);
      }
      target.role = role;
    });
  }

  /** The viewer leaves, or withdraws a pending request. The last active manager cannot leave. */
  async leave(buildingId: string): Promise<Membership> {
    const userId = requireUser(this.viewer);
    return this.em.transactional(async (tx) => {
      const building = await lockBuilding(tx, buildingId);
      const mine = await tx.findOne(Membership, { building, userId }, { refresh: true });
      if (mine?.status === MembershipStatus.LEFT) return mine;
      if (!mine || !canTransition(mine.status, MembershipStatus.LEFT)) throw new NotFoundError('Membership');
      if (wouldLeaveNoManager(mine, await countActiveManagers(tx, building))) throw new ConflictError(LAST_MANAGER);
      mine.status = MembershipStatus.LEFT;
      await tx.flush();
      return mine;
    });
  }

  /** ACTIVE members only: signed-out callers get UNAUTHENTICATED, everyone else FORBIDDEN. */
  async members(building: { id: string }, page: PageRequest): Promise<Page<Membership>> {
    const mine = await this.viewerMembershipOf(building);
    if (mine?.status !== MembershipStatus.ACTIVE) throw new ForbiddenError("Only the building's active members see who its members are.");
    return this.list('members', building, page);
  }

  /** ACTIVE managers only. */
  async pendingRequests(building: { id: string }, page: PageRequest): Promise<Page<Membership>> {
    const mine = await this.viewerMembershipOf(building);
    if (mine?.status !== MembershipStatus.ACTIVE || mine.role !== MembershipRole.MANAGER) {
      throw new ForbiddenError("Only the building's active managers see its pending requests.");
    }
    return this.list('pendingRequests', building, page);
  }

  static cursorOf(list: ListName, membership: Membership): string {
    const { kind, order } = LISTS[list];
    return encodeCursor(kind, { t: (membership[order] ?? membership.requestedAt).toISOString(), i: membership.id });
  }

  private viewerMembershipOf(building: { id: string }): Promise<Membership | null> {
    requireUser(this.viewer);
    return this.viewerMemberships.load(building.id);
  }

  /** Keyset pagination on (order column, id): stable while rows are added, one query per page. */
  private async list(name: ListName, building: { id: string }, page: PageRequest): Promise<Page<Membership>> {
    const { kind, status, order } = LISTS[name];
    const limit = pageSize(page.first);
    const after = page.after ? decodeCursor(kind, page.after, listCursor) : null;
    const position = after ? { $or: [{ [order]: { $gt: new Date(after.t) } }, { [order]: new Date(after.t), id: { $gt: after.i } }] } : {};
    const rows = await this.em.find(Membership, { building: building.id, status, ...position } as FilterQuery<Membership>, {
      orderBy: { [order]: 'asc', id: 'asc' },
      limit: limit + 1,
    });
    return toPage(rows, limit);
  }

  /**
   * Loads the membership, locks its building, checks the viewer manages it, applies `change` and
   * records the domain events it returns, in one transaction.
   */
  private async manage(
    membershipId: string,
    change: (target: Membership, tx: EntityManager, building: Building, managerId: string) => ManagedChange | Promise<ManagedChange>,
  ): Promise<Membership> {
    const userId = requireUser(this.viewer);
    return this.em.transactional(async (tx) => {
      const found = await tx.findOne(Membership, { id: membershipId });
      if (!found) throw new NotFoundError('Membership');
      const building = await lockBuilding(tx, found.building.id);
      await requireActiveManager(tx, building, userId);
      const target = await tx.findOneOrFail(Membership, { id: membershipId }, { refresh: true });
      const events = await change(target, tx, building, userId);
      await tx.flush();
      await recordDomainEvents(tx, events ?? []);
      return target;
    });
  }

  private move(target: Membership, to: MembershipStatus, refusal: string): void {
    if (!canTransition(target.status, to)) throw new ConflictError(refusal);
    target.status = to;
  }
}
