import { connectionOf, parseId } from '@lobby/platform';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ChatContext } from '../context.js';
import type { Conversation } from '../conversation/conversation.entity.js';
import { subscribeToConversation } from '../conversation/conversation.subscription.js';
import { ConversationType } from '../conversation/conversation.type.js';
import { UserType, type UserReference } from '../user/user.type.js';
import type { MessageData } from './message.data.js';
import { EditMessageArgs, MessagesArgs, SendMessageInput } from './message.inputs.js';
import { messageCursorOf } from './message.rules.js';
import { MessageConnection, MessageType } from './message.type.js';

@Resolver(() => MessageType)
export class MessageResolver {
  @Query(() => MessageType, { nullable: true, description: 'A message of a conversation you take part in; null for any other.' })
  message(@Arg('id', () => ID) id: string, @Ctx() { messages }: ChatContext): Promise<MessageData | null> {
    return messages.find(parseId(id, 'id'));
  }

  @Query(() => MessageConnection, {
    description:
      'A page of the conversation, oldest first and newest last; 50 when `first` is absent, at most 100. Without cursors: the newest messages. ' +
      '`after: lastSeenCursor` returns every message after it (follow pageInfo.endCursor while hasNextPage): how a client catches up after a reconnect.',
  })
  async messages(@Args(() => MessagesArgs) { conversationId, ...page }: MessagesArgs, @Ctx() { messages }: ChatContext) {
    const result = await messages.page(parseId(conversationId, 'conversationId'), page);
    const { edges, pageInfo } = connectionOf(result, messageCursorOf);
    return { edges, pageInfo: { ...pageInfo, hasPreviousPage: result.hasPreviousPage } };
  }

  @Mutation(() => MessageType, { description: 'Idempotent by clientMessageId: a retry returns the message the first attempt sent.' })
  sendMessage(@Arg('input', () => SendMessageInput) input: SendMessageInput, @Ctx() { messages }: ChatContext): Promise<MessageData> {
    return messages.send({ ...input, conversationId: parseId(input.conversationId, 'conversationId') });
  }

  @Mutation(() => MessageType, { description: 'Its sender only.' })
  editMessage(@Args(() => EditMessageArgs) { messageId, body }: EditMessageArgs, @Ctx() { messages }: ChatContext): Promise<MessageData> {
    return messages.edit(parseId(messageId, 'messageId'), body);
  }

  @Mutation(() => MessageType, { description: 'Its sender only. The message stays in the conversation, shown as deleted to everyone.' })
  deleteMessage(@Arg('messageId', () => ID) messageId: string, @Ctx() { messages }: ChatContext): Promise<MessageData> {
    return messages.remove(parseId(messageId, 'messageId'));
  }

  @Subscription(() => MessageType, { subscribe: subscribeToConversation, description: 'New messages in a conversation you take part in.' })
  messageAdded(@Root() message: MessageData, @Arg('conversationId', () => ID) _conversationId: string): MessageData {
    return message;
  }

  @Subscription(() => MessageType, { subscribe: subscribeToConversation, description: 'Messages edited or deleted in a conversation you take part in.' })
  messageUpdated(@Root() message: MessageData, @Arg('conversationId', () => ID) _conversationId: string): MessageData {
    return message;
  }

  @FieldResolver(() => ConversationType)
  conversation(@Root() message: MessageData, @Ctx() { conversations }: ChatContext): Promise<Conversation> {
    return conversations.require(message.conversation.id);
  }

  @FieldResolver(() => UserType)
  sender(@Root() message: MessageData): UserReference {
    return { id: message.senderId };
  }

  @FieldResolver(() => ID, { nullable: true, description: "The idempotency key you sent it with; null on other people's messages." })
  clientMessageId(@Root() message: MessageData, @Ctx() { viewer }: ChatContext): string | null {
    return message.senderId === viewer.userId ? message.clientMessageId : null;
  }
}
