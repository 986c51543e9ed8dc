import { createDomainEvent, type AnyDomainEvent } from '@lobby/contracts';
import type { Membership } from './membership/membership.entity.js';

/**
 * The domain events buildings publishes (packages/contracts/src/domain-events.ts), built from its
 * rows. Services write them with `recordDomainEvents` inside the transaction of the change.
 */
export function membershipRequestedEvent(membership: Membership, managerIds: string[]): AnyDomainEvent {
  return createDomainEvent('buildings.membership.requested', membership.userId, {
    membershipId: membership.id,
    buildingId: membership.building.id,
    userId: membership.userId,
    managerIds,
  });
}

export function membershipApprovedEvent(membership: Membership, managerId: string): AnyDomainEvent {
  return createDomainEvent('buildings.membership.approved', managerId, { membershipId: membership.id, buildingId: membership.building.id, userId: membership.userId });
}
