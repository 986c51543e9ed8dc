import { describe, expect, it } from 'vitest';
import { canTransitionOffer, transitionOffer } from './offer.rules.js';
import { OfferStatus } from './offer.status.js';

const { PENDING, ACCEPTED, DECLINED, WITHDRAWN } = OfferStatus;

describe('offer status transitions', () => {
  it.each([
    [PENDING, ACCEPTED],
    [PENDING, DECLINED],
    [PENDING, WITHDRAWN],
    [ACCEPTED, WITHDRAWN],
  ])('allow %s → %s', (from, to) => {
    expect(canTransitionOffer(from, to)).toBe(true);
  });

  it.each([
    [ACCEPTED, DECLINED],
    [ACCEPTED, ACCEPTED],
    [DECLINED, ACCEPTED],
    [DECLINED, WITHDRAWN],
    [WITHDRAWN, PENDING],
    [WITHDRAWN, ACCEPTED],
  ])('refuse %s → %s with BAD_USER_INPUT', (from, to) => {
    const offer = { status: from };
    expect(() => transitionOffer(offer, to)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'status' } }));
    expect(offer.status).toBe(from);
  });
});
