import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, UserInputError, pageSize, toPage, type Page } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { conversationActivityEvent, type ChatEvents } from '../events.js';
import { Message } from '../message/message.entity.js';
import { requireUser, type Viewer } from '../viewer.js';
import { lockParticipant, participantsOf } from './conversation.access.js';
import { Conversation } from './conversation.entity.js';
import type { ListingSummary } from '../listing/listing.client.js';
import { ConversationKind, OPEN_LISTING_STATUSES, decodeInboxCursor, directKey, listingKey } from './conversation.rules.js';
import { Participant } from './participant.entity.js';

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export class ConversationService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    /** Conversations the viewer takes part in (null for any other), batched. */
    private readonly visibleConversations: DataLoader<string, Conversation | null>,
    private readonly events: ChatEvents,
  ) {}

  /**
   * The caller's DIRECT conversation with `withUserId`, started if there is none. A pair has one
   * conversation: two starts at the same instant meet at the unique key, and the loser returns
   * the winner's.
   */
  async startDirect(withUserId: string): Promise<Conversation> {
    const userId = requireUser(this.viewer);
    const key = directKey(userId, withUserId);
    const existing = await this.em.findOne(Conversation, { directKey: key });
    if (existing) return existing;
    try {
      return await this.em.transactional(async (tx) => {
        const conversation = tx.create(Conversation, { kind: ConversationKind.DIRECT, directKey: key });
        for (const participant of [userId, withUserId]) tx.create(Participant, { conversation, userId: participant });
        await tx.flush();
        return conversation;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return this.em.findOneOrFail(Conversation, { directKey: key });
      throw error;
    }
  }

  /**
   * The caller's conversation with the seller about a listing, started if there is none: one per
   * buyer and listing (a unique key, as for DIRECT). `findListing` answers as marketplace would
   * answer the caller, so a listing they may not see is NOT_FOUND here too.
   */
  async startAboutListing(listingId: string, findListing: (id: string) => Promise<ListingSummary | null>): Promise<Conversation> {
    const userId = requireUser(this.viewer);
    const key = listingKey(listingId, userId);
    const existing = await this.em.findOne(Conversation, { listingKey: key });
    if (existing) return existing;
    const listing = await findListing(listingId);
    if (!listing) throw new NotFoundError('Listing');
    if (listing.sellerId === userId) throw new UserInputError('This is your own listing: buyers start the conversation.', 'listingId');
    if (!OPEN_LISTING_STATUSES.has(listing.status)) throw new UserInputError('This listing is no longer for sale.', 'listingId');
    try {
      return await this.em.transactional(async (tx) => {
        const conversation = tx.create(Conversation, { kind: ConversationKind.LISTING, listingId, listingKey: key });
        for (const participant of [userId, listing.sellerId]) tx.create(Participant, { conversation, userId: participant });
        await tx.flush();
        return conversation;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return this.em.findOneOrFail(Conversation, { listingKey: key });
      throw error;
    }
  }

  /** A conversation the viewer takes part in; null for anything else, and when signed out. */
  find(conversationId: string): Promise<Conversation | null> {
    return this.visibleConversations.load(conversationId);
  }

  /** The same, for paths that must answer: UNAUTHENTICATED signed out, NOT_FOUND for anyone outside it. */
  async require(conversationId: string): Promise<Conversation> {
    requireUser(this.viewer);
    const conversation = await this.visibleConversations.load(conversationId);
    if (!conversation) throw new NotFoundError('Conversation');
    return conversation;
  }

  /** The caller's conversations, most recent activity first (keyset on lastActivityAt, id). */
  async mine(page: PageRequest): Promise<Page<Conversation>> {
    const userId = requireUser(this.viewer);
    const limit = pageSize(page.first);
    const after = page.after ? decodeInboxCursor(page.after) : null;
    const position = after
      ? { conversation: { $or: [{ lastActivityAt: { $lt: after.lastActivityAt } }, { lastActivityAt: after.lastActivityAt, id: { $lt: after.id } }] } }
      : {};
    const rows = await this.em.find(
      Participant,
      { userId, ...position },
      { populate: ['conversation'], orderBy: { conversation: { lastActivityAt: 'desc', id: 'desc' } }, limit: limit + 1 },
    );
    return toPage(rows.map((participant) => participant.conversation), limit);
  }

  /**
   * Moves the caller's read receipt to `upToMessageId` (a message of this conversation), never
   * back: marking an older message read changes nothing. The other participants hear of it
   * through `conversationActivity`.
   */
  async markRead(conversationId: string, upToMessageId: string): Promise<Conversation> {
    const userId = requireUser(this.viewer);
    const { participants, moved } = await this.em.transactional(async (tx) => {
      const participants = await participantsOf(tx, conversationId, userId);
      const message = await tx.findOne(Message, { id: upToMessageId, conversation: conversationId });
      if (!message) throw new NotFoundError('Message');
      const mine = await lockParticipant(tx, conversationId, userId);
      if (message.seq <= mine.lastReadSeq) return { participants, moved: false };
      Object.assign(mine, { lastReadSeq: message.seq, lastReadMessageId: message.id, lastReadAt: new Date() });
      return { participants, moved: true };
    });
    if (moved) await this.events.publish([conversationActivityEvent(conversationId, participants.map((participant) => participant.userId))]);
    return this.require(conversationId);
  }
}
