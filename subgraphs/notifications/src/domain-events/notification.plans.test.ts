import { randomUUID } from 'node:crypto';
import { createDomainEvent } from '@lobby/contracts';
import { describe, expect, it } from 'vitest';
import { plansFor } from './notification.plans.js';

const [ana, ben, cleo] = [randomUUID(), randomUUID(), randomUUID()];
const ids = { offerId: randomUUID(), listingId: randomUUID(), buildingId: randomUUID(), conversationId: randomUUID(), messageId: randomUUID(), mediaId: randomUUID() };
const summary = (event: Parameters<typeof plansFor>[0]) =>
  plansFor(event).map((plan) => ({ to: plan.recipientId, type: plan.type, actor: plan.actorId, subject: plan.subject, collapse: plan.collapseKey, text: plan.text(1) }));

describe('plansFor', () => {
  it("tells a message's recipients, never its sender, one notification per conversation burst", () => {
    const event = createDomainEvent('chat.message.sent', ana, { conversationId: ids.conversationId, messageId: ids.messageId, recipientIds: [ben, ana, cleo, ben], preview: 'Is the bike still for sale?' });
    expect(summary(event)).toEqual(
      [ben, cleo].map((to) => ({
        to,
        type: 'MESSAGE_RECEIVED',
        actor: ana,
        subject: { kind: 'CONVERSATION', id: ids.conversationId },
        collapse: `conversation:${ids.conversationId}`,
        text: 'New message: “Is the bike still for sale?”',
      })),
    );
    expect(plansFor(event)[0]!.text(10)).toBe('10 new messages: “Is the bike still for sale?”');
  });

  it('tells the seller of an offer, and the buyer of its answer, about the listing', () => {
    const offer = { offerId: ids.offerId, listingId: ids.listingId, buildingId: ids.buildingId, sellerId: ana, buyerId: ben };
    const listing = { kind: 'LISTING', id: ids.listingId };
    expect(summary(createDomainEvent('marketplace.offer.made', ben, offer))).toEqual([{ to: ana, type: 'OFFER_RECEIVED', actor: ben, subject: listing, collapse: null, text: 'New offer on your listing' }]);
    expect(summary(createDomainEvent('marketplace.offer.accepted', ana, offer))).toEqual([{ to: ben, type: 'OFFER_ACCEPTED', actor: ana, subject: listing, collapse: null, text: 'Your offer was accepted' }]);
    expect(summary(createDomainEvent('marketplace.offer.declined', ana, offer))).toMatchObject([{ to: ben, type: 'OFFER_DECLINED' }]);
    expect(summary(createDomainEvent('marketplace.listing.sold', ana, { listingId: ids.listingId, buildingId: ids.buildingId, sellerId: ana, buyerId: ben }))).toMatchObject([{ to: ben, type: 'LISTING_SOLD' }]);
    expect(plansFor(createDomainEvent('marketplace.listing.sold', ana, { listingId: ids.listingId, buildingId: ids.buildingId, sellerId: ana, buyerId: null }))).toEqual([]);
  });

  it('folds favourites of one listing, counting people', () => {
    const [plan] = plansFor(createDomainEvent('marketplace.listing.favorited', ben, { listingId: ids.listingId, buildingId: ids.buildingId, sellerId: ana, userId: ben }));
    expect(plan).toMatchObject({ recipientId: ana, type: 'LISTING_FAVORITED', collapseKey: `favorites:${ids.listingId}` });
    expect([plan!.text(1), plan!.text(3)]).toEqual(['Someone saved your listing', '3 people saved your listing']);
  });

  it("tells a building's managers of a request (not a manager who asked), and the resident of the approval", () => {
    const requested = createDomainEvent('buildings.membership.requested', ben, { membershipId: randomUUID(), buildingId: ids.buildingId, userId: ben, managerIds: [ana, ben] });
    expect(summary(requested)).toEqual([
      { to: ana, type: 'MEMBERSHIP_REQUESTED', actor: ben, subject: { kind: 'BUILDING', id: ids.buildingId }, collapse: `membership-requests:${ids.buildingId}`, text: 'A new request to join your building' },
    ]);
    expect(plansFor(requested)[0]!.text(2)).toBe('2 new requests to join your building');
    expect(summary(createDomainEvent('buildings.membership.approved', ana, { membershipId: randomUUID(), buildingId: ids.buildingId, userId: ben }))).toMatchObject([
      { to: ben, type: 'MEMBERSHIP_APPROVED', actor: ana, subject: { kind: 'BUILDING', id: ids.buildingId } },
    ]);
  });

  it("tells an upload's owner how processing ended, as the system's doing, whoever the event names as actor", () => {
    expect(summary(createDomainEvent('media.ready', ana, { mediaId: ids.mediaId, ownerId: ana, purpose: 'AVATAR' }))).toEqual([
      { to: ana, type: 'MEDIA_READY', actor: null, subject: { kind: 'MEDIA', id: ids.mediaId }, collapse: null, text: 'Your upload is ready' },
    ]);
    const failed = summary(createDomainEvent('media.failed', null, { mediaId: ids.mediaId, ownerId: ana, purpose: 'AVATAR', reason: 'x'.repeat(500) }));
    expect(failed).toMatchObject([{ to: ana, type: 'MEDIA_FAILED', actor: null }]);
    expect([...failed[0]!.text]).toHaveLength(200);
    expect(failed[0]!.text).toMatch(/^Your upload could not be processed: x+…$/);
  });
});
