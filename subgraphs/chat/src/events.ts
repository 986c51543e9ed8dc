import { publishSubscriptionEvent, type Logger } from '@lobby/platform';
import type { Redis } from 'ioredis';

/** One event as the contract (packages/contracts/src/subscription-events.ts) takes it. */
export type ChatEvent = Parameters<typeof publishSubscriptionEvent>[2];

/** Every participant's inbox hears that the conversation changed; the payload is `conversation(id)`. */
export function conversationActivityEvent(conversationId: string, participantIds: string[]): ChatEvent {
  return { subscription: 'conversationActivity', filter: {}, audience: participantIds, payload: { field: 'conversation', arguments: { id: conversationId } } };
}

/** A new message: `messageAdded` for the conversation, and the inboxes' `conversationActivity`. */
export function messageAddedEvents(conversationId: string, messageId: string, participantIds: string[]): ChatEvent[] {
  return [
    { subscription: 'messageAdded', filter: { conversationId }, audience: participantIds, payload: { field: 'message', arguments: { id: messageId } } },
    conversationActivityEvent(conversationId, participantIds),
  ];
}

/** An edited or deleted message: `messageUpdated`, and the inboxes' `conversationActivity`. */
export function messageUpdatedEvents(conversationId: string, messageId: string, participantIds: string[]): ChatEvent[] {
  return [
    { subscription: 'messageUpdated', filter: { conversationId }, audience: participantIds, payload: { field: 'message', arguments: { id: messageId } } },
    conversationActivityEvent(conversationId, participantIds),
  ];
}

/** Typing reaches the other participants only; the payload is `typingEvent(...)`, as the typist's state was. */
export function typingEvent(conversationId: string, userId: string, isTyping: boolean, otherParticipantIds: string[]): ChatEvent {
  return {
    subscription: 'typing',
    filter: { conversationId },
    audience: otherParticipantIds,
    payload: { field: 'typingEvent', arguments: { conversationId, userId, isTyping } },
  };
}

/**
 * Publishes after the change is committed. A failed publish is logged and swallowed: the write
 * stands, and clients catch up with `messages(after: lastSeenCursor)`.
 */
export class ChatEvents {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly logger: Logger,
  ) {}

  async publish(events: ChatEvent[]): Promise<void> {
    try {
      // One connection sends commands in order, so the events leave in the order given.
      await Promise.all(events.map((event) => publishSubscriptionEvent(this.redis, this.keyPrefix, event)));
    } catch (error) {
      this.logger.warn({ err: error, events: events.map((event) => event.subscription) }, 'subscription event not published');
    }
  }
}
