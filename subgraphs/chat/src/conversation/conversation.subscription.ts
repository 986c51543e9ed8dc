import { parseId, silentSubscriptionStream } from '@lobby/platform';
import type { SubscribeResolverData } from 'type-graphql';
import type { ChatContext } from '../context.js';
import { requireUser } from '../viewer.js';

/**
 * The `subscribe` of a conversation's live fields (messageAdded, messageUpdated, typing): the
 * router runs it to ask whether the caller may subscribe. Participants only: UNAUTHENTICATED
 * signed out, NOT_FOUND for anyone else. Events never come from here (the router delivers them
 * from Redis), so once allowed the stream is silent.
 */
export async function subscribeToConversation({ args, context }: SubscribeResolverData<unknown, { conversationId: string }, ChatContext>) {
  await context.conversations.require(parseId(args.conversationId, 'conversationId'));
  return silentSubscriptionStream();
}

/** `conversationActivity` covers the caller's own conversations: any signed-in user may subscribe. */
export function subscribeToOwnConversations({ context }: SubscribeResolverData<unknown, Record<string, never>, ChatContext>) {
  requireUser(context.viewer);
  return silentSubscriptionStream();
}
