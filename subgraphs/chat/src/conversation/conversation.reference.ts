import type { ReferenceResolvers } from '@lobby/platform';
import type { ChatContext } from '../context.js';

/** `_entities` goes through the same door as `conversation(id)`: null for anyone not taking part. */
export const conversationReference: ReferenceResolvers = {
  Conversation: {
    __resolveReference: (reference: { id: string }, { conversations }: ChatContext) => conversations.find(reference.id),
  },
};
