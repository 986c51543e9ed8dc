import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDomainEvent, parseDomainEvent } from './domain-events.js';

const ids = { offerId: randomUUID(), listingId: randomUUID(), buildingId: randomUUID(), sellerId: randomUUID(), buyerId: randomUUID() };

describe('domain events', () => {
  it('round-trips through JSON as the same validated event', () => {
    const event = createDomainEvent('marketplace.offer.made', ids.buyerId, ids);
    expect(parseDomainEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it('refuses an unknown type, a malformed id and data that does not fit its type', () => {
    const event = createDomainEvent('marketplace.offer.made', ids.buyerId, ids);
    expect(() => parseDomainEvent({ ...event, type: 'marketplace.offer.eaten' })).toThrow();
    expect(() => parseDomainEvent({ ...event, id: 'not-a-uuid' })).toThrow();
    expect(() => parseDomainEvent({ ...event, type: 'media.ready' })).toThrow();
    expect(() => createDomainEvent('chat.message.sent', ids.buyerId, { conversationId: ids.listingId, messageId: ids.offerId, recipientIds: [], preview: 'x'.repeat(141) })).toThrow();
  });

  it('drops fields a type does not define, so consumers see only the contract', () => {
    const event = parseDomainEvent({ ...createDomainEvent('media.ready', null, { mediaId: ids.offerId, ownerId: ids.buyerId, purpose: 'AVATAR' }), extra: 1 });
    expect(event).not.toHaveProperty('extra');
  });
});
