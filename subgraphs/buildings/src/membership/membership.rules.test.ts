import { describe, expect, it } from 'vitest';
import { MembershipRole, MembershipStatus, canTransition, isActiveManager, wouldLeaveNoManager } from './membership.rules.js';

const { PENDING, ACTIVE, REJECTED, LEFT, REMOVED } = MembershipStatus;
const { RESIDENT, MANAGER } = MembershipRole;

describe('membership status transitions', () => {
  it.each([
    [PENDING, ACTIVE],
    [PENDING, REJECTED],
    [PENDING, LEFT],
    [ACTIVE, LEFT],
    [ACTIVE, REMOVED],
    [REJECTED, PENDING],
    [LEFT, PENDING],
    [REMOVED, PENDING],
  ])('allow %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    [PENDING, REMOVED],
    [ACTIVE, PENDING],
    [ACTIVE, REJECTED],
    [REJECTED, ACTIVE],
    [LEFT, ACTIVE],
    [REMOVED, ACTIVE],
    [ACTIVE, ACTIVE],
  ])('refuse %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });
});

describe('the last manager', () => {
  it('is the only active manager left', () => {
    expect(wouldLeaveNoManager({ status: ACTIVE, role: MANAGER }, 1)).toBe(true);
    expect(wouldLeaveNoManager({ status: ACTIVE, role: MANAGER }, 2)).toBe(false);
  });

  it('is never a resident or an inactive manager', () => {
    expect(wouldLeaveNoManager({ status: ACTIVE, role: RESIDENT }, 1)).toBe(false);
    expect(wouldLeaveNoManager({ status: PENDING, role: MANAGER }, 1)).toBe(false);
    expect(isActiveManager({ status: REMOVED, role: MANAGER })).toBe(false);
    expect(isActiveManager(null)).toBe(false);
  });
});
