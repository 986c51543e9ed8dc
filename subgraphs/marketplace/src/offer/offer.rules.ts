import { UserInputError } from '@lobby/platform';
import { OfferStatus } from './offer.status.js';

const { PENDING, ACCEPTED, DECLINED, WITHDRAWN } = OfferStatus;

const transitions: Record<OfferStatus, readonly OfferStatus[]> = {
  [PENDING]: [ACCEPTED, DECLINED, WITHDRAWN],
  // The buyer backs out of an accepted offer: the listing goes back on sale.
  [ACCEPTED]: [WITHDRAWN],
  [DECLINED]: [],
  [WITHDRAWN]: [],
};

export function canTransitionOffer(from: OfferStatus, to: OfferStatus): boolean {
  return transitions[from].includes(to);
}

/** Moves `offer` to `to`, or BAD_USER_INPUT naming both statuses. */
export function transitionOffer(offer: { status: OfferStatus }, to: OfferStatus): void {
  if (!canTransitionOffer(offer.status, to)) throw new UserInputError(`A ${offer.status} offer cannot become ${to}.`, 'status');
  offer.status = to;
}
