import type { ReferenceResolvers } from '@lobby/platform';
import type { ChatContext } from '../context.js';

/** `_entities` goes through the same door as `message(id)`: null for anyone outside its conversation. */
export const messageReference: ReferenceResolvers = {
  Message: {
    __resolveReference: (reference: { id: string }, { messages }: ChatContext) => messages.find(reference.id),
  },
};
