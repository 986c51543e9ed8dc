/** PENDING → ACCEPTED (seller), DECLINED (seller, or another offer accepted) or WITHDRAWN (buyer); ACCEPTED → WITHDRAWN (buyer). */
export enum OfferStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}
