import { subscriptionEventSchema } from '@lobby/contracts';
import { describe, expect, it } from 'vitest';
import { conversationActivityEvent, messageAddedEvents, messageUpdatedEvents, typingEvent } from './events.js';

const conversationId = '0b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a';
const messageId = '1c9f6e6d-4a5b-4d2f-8b74-3a6f7e8d9c0b';
const [a, b] = ['2d0a7f7e-5b6c-4e3a-9c85-4b7a8f9e0d1c', '3e1b8a8f-6c7d-4f4b-8d96-5c8b9a0f1e2d'];

describe('subscription events', () => {
  it('match the shared contract exactly, as the routers read it', () => {
    const all = [...messageAddedEvents(conversationId, messageId, [a, b]), ...messageUpdatedEvents(conversationId, messageId, [a, b]), typingEvent(conversationId, a, true, [b])];
    for (const event of all) expect(subscriptionEventSchema.parse(event)).toEqual(event);
  });

  it('name the subscription, its filter, the audience and the query that builds the payload', () => {
    expect(messageAddedEvents(conversationId, messageId, [a, b])).toEqual([
      { subscription: 'messageAdded', filter: { conversationId }, audience: [a, b], payload: { field: 'message', arguments: { id: messageId } } },
      { subscription: 'conversationActivity', filter: {}, audience: [a, b], payload: { field: 'conversation', arguments: { id: conversationId } } },
    ]);
    expect(messageUpdatedEvents(conversationId, messageId, [a, b])[0]).toMatchObject({ subscription: 'messageUpdated', filter: { conversationId } });
    expect(conversationActivityEvent(conversationId, [a])).toMatchObject({ subscription: 'conversationActivity', audience: [a] });
    expect(typingEvent(conversationId, a, false, [b])).toEqual({
      subscription: 'typing',
      filter: { conversationId },
      audience: [b],
      payload: { field: 'typingEvent', arguments: { conversationId, userId: a, isTyping: false } },
    });
  });
});
