import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * Lobby's durable domain events, defined once: the producer validates an event when it writes it
 * to its outbox (in the same transaction as the change), every consumer validates it again when
 * it reads it. An event carries ids, never whole rows: a consumer that needs more asks the owner
 * through the graph. See docs/adr/0008-domain-events.md.
 */
const id = z.uuid();

export const domainEventData = {
  /** `recipientIds`: the conversation's other participants at the time of sending. */
  'chat.message.sent': z.object({
    conversationId: id,
    messageId: id,
    recipientIds: z.array(id),
    /** The start of the body, for a notification's text (the recipients may read it anyway). */
    preview: z.string().max(140),
  }),
  'marketplace.offer.made': z.object({ offerId: id, listingId: id, buildingId: id, sellerId: id, buyerId: id }),
  'marketplace.offer.accepted': z.object({ offerId: id, listingId: id, buildingId: id, sellerId: id, buyerId: id }),
  'marketplace.offer.declined': z.object({ offerId: id, listingId: id, buildingId: id, sellerId: id, buyerId: id }),
  /** `buyerId`: null when the seller marked it sold without an accepted offer. */
  'marketplace.listing.sold': z.object({ listingId: id, buildingId: id, sellerId: id, buyerId: id.nullable() }),
  'marketplace.listing.favorited': z.object({ listingId: id, buildingId: id, sellerId: id, userId: id }),
  /** `managerIds`: the building's ACTIVE managers when the request was made. */
  'buildings.membership.requested': z.object({ membershipId: id, buildingId: id, userId: id, managerIds: z.array(id) }),
  'buildings.membership.approved': z.object({ membershipId: id, buildingId: id, userId: id }),
  'media.ready': z.object({ mediaId: id, ownerId: id, purpose: z.string().min(1) }),
  'media.failed': z.object({ mediaId: id, ownerId: id, purpose: z.string().min(1), reason: z.string().max(500) }),
} as const;

export type DomainEventType = keyof typeof domainEventData;
export const domainEventTypes = Object.keys(domainEventData) as DomainEventType[];

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  /** Unique per event: consumers are idempotent by it (delivery is at least once). */
  id: string;
  type: T;
  /** ISO 8601, when the change committed (set by the producer, not the relay). */
  occurredAt: string;
  /** The user whose action this is; null for the system's own (e.g. a media job finishing). */
  actorId: string | null;
  data: z.infer<(typeof domainEventData)[T]>;
}

/** Any event of any type, discriminated by `type`. */
export type AnyDomainEvent = { [T in DomainEventType]: DomainEvent<T> }[DomainEventType];

const envelopeSchema = z.object({
  id,
  type: z.enum(domainEventTypes as [DomainEventType, ...DomainEventType[]]),
  occurredAt: z.iso.datetime({ offset: true }),
  actorId: id.nullable(),
  data: z.unknown(),
});

/** Validates an event from anywhere (an outbox row, a stream entry); throws a ZodError if it is not one. */
export function parseDomainEvent(raw: unknown): AnyDomainEvent {
  const envelope = envelopeSchema.parse(raw);
  const data = domainEventData[envelope.type].parse(envelope.data);
  return { ...envelope, data } as AnyDomainEvent;
}

/** A new, validated event, as a producer writes it to its outbox. */
export function createDomainEvent<T extends DomainEventType>(
  type: T,
  actorId: string | null,
  data: z.input<(typeof domainEventData)[T]>,
  occurredAt: Date = new Date(),
): DomainEvent<T> {
  return parseDomainEvent({ id: randomUUID(), type, occurredAt: occurredAt.toISOString(), actorId, data }) as DomainEvent<T>;
}

/** The Redis stream every relay appends to and every consumer group reads. */
export function domainEventStream(keyPrefix: string): string {
  return `${keyPrefix}domain-events`;
}
