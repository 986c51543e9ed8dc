import { connectionOf, PageArgs, parseId } from '@lobby/platform';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ChatContext } from '../context.js';
import type { Message } from '../message/message.entity.js';
import { MessageType } from '../message/message.type.js';
import { ListingType } from '../listing/listing.type.js';
import { UserType, type UserReference } from '../user/user.type.js';
import type { Conversation } from './conversation.entity.js';
import { inboxCursorOf } from './conversation.rules.js';
import { subscribeToOwnConversations } from './conversation.subscription.js';
import { ConversationConnection, ConversationType, ReadReceiptType } from './conversation.type.js';
import type { Participant } from './participant.entity.js';

@ArgsType()
class MarkReadArgs {
  @Field(() => ID)
  conversationId!: string;

  @Field(() => ID, { description: 'A message of this conversation: it and everything before it count as read.' })
  upToMessageId!: string;
}

@Resolver(() => ConversationType)
export class ConversationResolver {
  @Query(() => ConversationType, { nullable: true, description: 'A conversation you take part in; null for any other.' })
  conversation(@Arg('id', () => ID) id: string, @Ctx() { conversations }: ChatContext): Promise<Conversation | null> {
    return conversations.find(parseId(id, 'id'));
  }

  @Query(() => ConversationConnection, { description: 'Your conversations, most recent activity first.' })
  async myConversations(@Args(() => PageArgs) page: PageArgs, @Ctx() { conversations }: ChatContext) {
    return connectionOf(await conversations.mine(page), inboxCursorOf);
  }

  @Mutation(() => ConversationType, { description: 'Your DIRECT conversation with that user: the existing one, or a new one. Not with yourself.' })
  startConversation(@Arg('withUserId', () => ID) withUserId: string, @Ctx() { conversations }: ChatContext): Promise<Conversation> {
    return conversations.startDirect(parseId(withUserId, 'withUserId'));
  }

  @Mutation(() => ConversationType, {
    description: "Your conversation with a listing's seller, started if there is none. NOT_FOUND for a listing you may not see.",
  })
  startListingConversation(@Arg('listingId', () => ID) listingId: string, @Ctx() { conversations, listings }: ChatContext): Promise<Conversation> {
    return conversations.startAboutListing(parseId(listingId, 'listingId'), listings.find);
  }

  @FieldResolver(() => ListingType, { nullable: true, description: 'The listing a LISTING conversation is about; null for DIRECT.' })
  listing(@Root() conversation: Conversation): { id: string } | null {
    return conversation.listingId ? { id: conversation.listingId } : null;
  }

  @Mutation(() => ConversationType, { description: 'Moves your read receipt forward to that message (never back).' })
  markConversationRead(@Args(() => MarkReadArgs) { conversationId, upToMessageId }: MarkReadArgs, @Ctx() { conversations }: ChatContext): Promise<Conversation> {
    return conversations.markRead(parseId(conversationId, 'conversationId'), parseId(upToMessageId, 'upToMessageId'));
  }

  @Subscription(() => ConversationType, {
    subscribe: subscribeToOwnConversations,
    description: 'One of your conversations changed (a message sent, edited or deleted, a read receipt moved): for the inbox.',
  })
  conversationActivity(@Root() conversation: Conversation): Conversation {
    return conversation;
  }

  @FieldResolver(() => [UserType])
  async participants(@Root() conversation: Conversation, @Ctx() { loaders }: ChatContext): Promise<UserReference[]> {
    return (await loaders.participants.load(conversation.id)).map((participant) => ({ id: participant.userId }));
  }

  @FieldResolver(() => MessageType, { nullable: true, description: 'The newest message (shown as deleted if it was); null before the first.' })
  lastMessage(@Root() conversation: Conversation, @Ctx() { loaders }: ChatContext): Promise<Message | null> {
    return loaders.lastMessage.load(conversation);
  }

  @FieldResolver(() => Int, { description: "Other people's messages after your read receipt, deleted ones not counted." })
  unreadCount(@Root() conversation: Conversation, @Ctx() { loaders }: ChatContext): Promise<number> {
    return loaders.unreadCount.load(conversation.id);
  }

  @FieldResolver(() => [ReadReceiptType], { description: 'One per participant, you included.' })
  readReceipts(@Root() conversation: Conversation, @Ctx() { loaders }: ChatContext): Promise<Participant[]> {
    return loaders.participants.load(conversation.id);
  }

  @FieldResolver(() => [UserType], { description: 'The other participants typing right now.' })
  async typingUsers(@Root() conversation: Conversation, @Ctx() { typing }: ChatContext): Promise<UserReference[]> {
    return (await typing.typingUsers(conversation.id)).map((id) => ({ id }));
  }
}
