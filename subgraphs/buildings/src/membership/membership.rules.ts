/** Where a user stands with a building. PENDING and ACTIVE are live; the rest are how it ended. */
export enum MembershipStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
  LEFT = 'LEFT',
  REMOVED = 'REMOVED',
}

export enum MembershipRole {
  RESIDENT = 'RESIDENT',
  MANAGER = 'MANAGER',
}

// PENDING → LEFT is a withdrawn request; an ended membership may be asked for again.
const transitions: Record<MembershipStatus, readonly MembershipStatus[]> = {
  [MembershipStatus.PENDING]: [MembershipStatus.ACTIVE, MembershipStatus.REJECTED, MembershipStatus.LEFT],
  [MembershipStatus.ACTIVE]: [MembershipStatus.LEFT, MembershipStatus.REMOVED],
  [MembershipStatus.REJECTED]: [MembershipStatus.PENDING],
  [MembershipStatus.LEFT]: [MembershipStatus.PENDING],
  [MembershipStatus.REMOVED]: [MembershipStatus.PENDING],
};

export function canTransition(from: MembershipStatus, to: MembershipStatus): boolean {
  return transitions[from].includes(to);
}

export const LIVE_STATUSES: readonly MembershipStatus[] = [MembershipStatus.PENDING, MembershipStatus.ACTIVE];

export function isActiveManager(membership: { status: MembershipStatus; role: MembershipRole } | null | undefined): boolean {
  return membership?.status === MembershipStatus.ACTIVE && membership.role === MembershipRole.MANAGER;
}

/**
 * True when ending `target`'s membership, or demoting it, would leave its building with no
 * ACTIVE manager; `activeManagers` counts the building's ACTIVE managers, `target` included.
 */
export function wouldLeaveNoManager(target: { status: MembershipStatus; role: MembershipRole }, activeManagers: number): boolean {
  return isActiveManager(target) && activeManagers <= 1;
}
