import type { AnyDomainEvent, DomainEventType } from '@lobby/contracts';
import { NotificationKind, SubjectKind } from '../notification/notification.rules.js';

/** One notification an event asks for: who gets it, about what, and what it says. */
export interface NotificationPlan {
  recipientId: string;
  type: NotificationKind;
  /** Whose action it is; null for the system's own (an upload finished processing). */
  actorId: string | null;
  subject: { kind: SubjectKind; id: string };
  /**
   * Plans with the same key for the same recipient fold into one unread notification (a burst
   * of messages in one conversation); null: every event is a notification of its own.
   */
  collapseKey: string | null;
  /** The text for a notification that now stands for `count` events, rendered from this (the latest) one. */
  text(count: number): string;
}

/** The domain events this subgraph turns into notifications; the consumer acknowledges the rest unseen. */
export const handledEventTypes = [
  'chat.message.sent',
  'marketplace.offer.made',
  'marketplace.offer.accepted',
  'marketplace.offer.declined',
  'marketplace.listing.sold',
  'marketplace.listing.favorited',
  'buildings.membership.requested',
  'buildings.membership.approved',
  'media.ready',
  'media.failed',
] as const satisfies readonly DomainEventType[];

const TEXT_MAX = 200;

/** Plural-aware counts: "a new message" / "3 new messages". */
const counted = (count: number, one: string, many: string) => (count === 1 ? one : `${count} ${many}`);
const quoted = (preview: string) => `“${preview}”`;
const short = (text: string) => ([...text].length > TEXT_MAX ? `${[...text].slice(0, TEXT_MAX - 1).join('')}…` : text);

/**
 * Who hears of an event, and how. The actor never hears of their own action: a user who is both
 * (a manager asking to join their own building, say) gets nothing. Media events are the system's
 * (a processing job finishing): the owner hears of them whatever the event's actor.
 */
export function plansFor(event: AnyDomainEvent): NotificationPlan[] {
  const plans = userPlans(event).filter((plan) => plan.actorId === null || plan.recipientId !== plan.actorId);
  // One notification per recipient and event, even if the producer named someone twice.
  const byRecipient = new Map<string, NotificationPlan>();
  for (const plan of plans) if (!byRecipient.has(plan.recipientId)) byRecipient.set(plan.recipientId, plan);
  return [...byRecipient.values()];
}

function userPlans(event: AnyDomainEvent): NotificationPlan[] {
  const actorId = event.actorId;
  switch (event.type) {
    case 'chat.message.sent': {
      const { conversationId, recipientIds, preview } = event.data;
      return recipientIds.map((recipientId) => ({
        recipientId,
        type: NotificationKind.MESSAGE_RECEIVED,
        actorId,
        subject: { kind: SubjectKind.CONVERSATION, id: conversationId },
        collapseKey: `conversation:${conversationId}`,
        text: (count) => short(`${counted(count, 'New message', 'new messages')}: ${quoted(preview)}`),
      }));
    }
    case 'marketplace.offer.made':
      return [listingPlan(event.data.sellerId, NotificationKind.OFFER_RECEIVED, actorId, event.data.listingId, null, () => 'New offer on your listing')];
    case 'marketplace.offer.accepted':
      return [listingPlan(event.data.buyerId, NotificationKind.OFFER_ACCEPTED, actorId, event.data.listingId, null, () => 'Your offer was accepted')];
    case 'marketplace.offer.declined':
      return [listingPlan(event.data.buyerId, NotificationKind.OFFER_DECLINED, actorId, event.data.listingId, null, () => 'Your offer was declined')];
    case 'marketplace.listing.sold':
      // Without a buyer (sold elsewhere) nobody here is waiting to hear.
      return event.data.buyerId
        ? [listingPlan(event.data.buyerId, NotificationKind.LISTING_SOLD, actorId, event.data.listingId, null, () => 'The seller marked the listing sold to you')]
        : [];
    case 'marketplace.listing.favorited':
      return [
        listingPlan(event.data.sellerId, NotificationKind.LISTING_FAVORITED, actorId, event.data.listingId, `favorites:${event.data.listingId}`, (count) =>
          count === 1 ? 'Someone saved your listing' : `${count} people saved your listing`,
        ),
      ];
    case 'buildings.membership.requested': {
      const { buildingId, managerIds } = event.data;
      return managerIds.map((recipientId) => ({
        recipientId,
        type: NotificationKind.MEMBERSHIP_REQUESTED,
        actorId,
        subject: { kind: SubjectKind.BUILDING, id: buildingId },
        collapseKey: `membership-requests:${buildingId}`,
        text: (count) => `${counted(count, 'A new request', 'new requests')} to join your building`,
      }));
    }
    case 'buildings.membership.approved':
      return [
        {
          recipientId: event.data.userId,
          type: NotificationKind.MEMBERSHIP_APPROVED,
          actorId,
          subject: { kind: SubjectKind.BUILDING, id: event.data.buildingId },
          collapseKey: null,
          text: () => 'You are now a member of the building',
        },
      ];
    case 'media.ready':
      return [mediaPlan(event.data.ownerId, NotificationKind.MEDIA_READY, event.data.mediaId, 'Your upload is ready')];
    case 'media.failed':
      return [mediaPlan(event.data.ownerId, NotificationKind.MEDIA_FAILED, event.data.mediaId, short(`Your upload could not be processed: ${event.data.reason}`))];
  }
}

function listingPlan(
  recipientId: string,
  type: NotificationKind,
  actorId: string | null,
  listingId: string,
  collapseKey: string | null,
  text: (count: number) => string,
): NotificationPlan {
  return { recipientId, type, actorId, subject: { kind: SubjectKind.LISTING, id: listingId }, collapseKey, text };
}

function mediaPlan(ownerId: string, type: NotificationKind, mediaId: string, text: string): NotificationPlan {
  return { recipientId: ownerId, type, actorId: null, subject: { kind: SubjectKind.MEDIA, id: mediaId }, collapseKey: null, text: () => text };
}
