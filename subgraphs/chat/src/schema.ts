import { buildFederatedSchema } from '@lobby/platform';
import type { GraphQLSchema } from 'graphql';
import { conversationReference } from './conversation/conversation.reference.js';
import { ConversationResolver } from './conversation/conversation.resolver.js';
import { ReadReceiptResolver } from './conversation/read-receipt.resolver.js';
import { messageReference } from './message/message.reference.js';
import { MessageResolver } from './message/message.resolver.js';
import { TypingResolver } from './typing/typing.resolver.js';

export function buildChatSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ConversationResolver, ReadReceiptResolver, MessageResolver, TypingResolver],
    referenceResolvers: { ...conversationReference, ...messageReference },
  });
}
