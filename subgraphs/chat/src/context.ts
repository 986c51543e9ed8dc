import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallerContext, SubgraphCaller } from '@lobby/platform';
import type DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import type { Conversation } from './conversation/conversation.entity.js';
import {
  createLastMessageLoader,
  createParticipantsLoader,
  createUnreadCountLoader,
  createVisibleConversationLoader,
} from './conversation/conversation.loader.js';
import { ConversationService } from './conversation/conversation.service.js';
import type { Participant } from './conversation/participant.entity.js';
import type { ChatEvents } from './events.js';
import { findListing, type ListingSummary } from './listing/listing.client.js';
import type { MessageData } from './message/message.data.js';
import type { Message } from './message/message.entity.js';
import { createMessageLoader, createVisibleMessageLoader } from './message/message.loader.js';
import { MessageService } from './message/message.service.js';
import { TypingService, type TypingSettings } from './typing/typing.service.js';
import type { Viewer } from './viewer.js';

export interface ChatLoaders {
  /** Only conversations the viewer takes part in. */
  conversation: DataLoader<string, Conversation | null>;
  participants: DataLoader<string, Participant[]>;
  /** Only messages of conversations the viewer takes part in. */
  message: DataLoader<string, MessageData | null>;
  /** By id, unchecked: only where the conversation was checked on the way in (read receipts). */
  messageById: DataLoader<string, Message | null>;
  lastMessage: DataLoader<Conversation, Message | null, string>;
  unreadCount: DataLoader<string, number>;
}

/** What outlives a request: the app builds it once. */
export interface ChatDependencies {
  redis: Redis;
  /** marketplace, asked as the caller about listings (listing.client.ts). */
  marketplace: SubgraphCaller;
  events: ChatEvents;
  typing: TypingSettings;
}

/** What every chat resolver sees: built fresh for each request (own EntityManager fork and loaders). */
export interface ChatContext {
  caller: CallerContext;
  viewer: Viewer;
  em: EntityManager;
  conversations: ConversationService;
  messages: MessageService;
  typing: TypingService;
  /** Listings as marketplace shows them to this caller. */
  listings: { find(listingId: string): Promise<ListingSummary | null> };
  loaders: ChatLoaders;
}

export function createChatContext(caller: CallerContext, em: EntityManager, dependencies: ChatDependencies): ChatContext {
  const viewer: Viewer = { userId: caller.userId };
  const loaders: ChatLoaders = {
    conversation: createVisibleConversationLoader(em, viewer),
    participants: createParticipantsLoader(em),
    message: createVisibleMessageLoader(em, viewer),
    messageById: createMessageLoader(em),
    lastMessage: createLastMessageLoader(em),
    unreadCount: createUnreadCountLoader(em, viewer),
  };
  const conversations = new ConversationService(em, viewer, loaders.conversation, dependencies.events);
  return {
    caller,
    viewer,
    em,
    conversations,
    messages: new MessageService(em, viewer, conversations, loaders.message, dependencies.events),
    typing: new TypingService(dependencies.redis, viewer, conversations, loaders.participants, dependencies.events, dependencies.typing),
    listings: { find: (listingId) => findListing(dependencies.marketplace, caller, listingId) },
    loaders,
  };
}

