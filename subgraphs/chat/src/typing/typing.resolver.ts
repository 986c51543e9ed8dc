import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ChatContext } from '../context.js';
import type { Conversation } from '../conversation/conversation.entity.js';
import { subscribeToConversation } from '../conversation/conversation.subscription.js';
import { ConversationType } from '../conversation/conversation.type.js';
import { parseId } from '@lobby/platform';
import { UserType, type UserReference } from '../user/user.type.js';
import type { TypingEvent } from './typing.service.js';
import { SetTypingArgs, TypingEventArgs, TypingEventType } from './typing.type.js';

@Resolver(() => TypingEventType)
export class TypingResolver {
  @Mutation(() => Boolean, {
    description: 'Tells the other participants you are (or stopped) typing. Lasts a few seconds unless sent again; never stored. Always true.',
  })
  setTyping(@Args(() => SetTypingArgs) { conversationId, isTyping }: SetTypingArgs, @Ctx() { typing }: ChatContext): Promise<boolean> {
    return typing.set(parseId(conversationId, 'conversationId'), isTyping);
  }

  @Query(() => TypingEventType, { nullable: true, description: 'The payload of a `typing` event (the router builds events with it); null unless you and that user take part in the conversation.' })
  typingEvent(@Args(() => TypingEventArgs) { conversationId, userId, isTyping }: TypingEventArgs, @Ctx() { typing }: ChatContext): Promise<TypingEvent | null> {
    return typing.event(parseId(conversationId, 'conversationId'), parseId(userId, 'userId'), isTyping);
  }

  @Subscription(() => TypingEventType, { subscribe: subscribeToConversation, description: 'The other participants starting and stopping typing.' })
  typing(@Root() event: TypingEvent, @Arg('conversationId', () => ID) _conversationId: string): TypingEvent {
    return event;
  }

  @FieldResolver(() => ConversationType)
  conversation(@Root() event: TypingEvent): Conversation {
    return event.conversation;
  }

  @FieldResolver(() => UserType)
  user(@Root() event: TypingEvent): UserReference {
    return { id: event.userId };
  }
}
