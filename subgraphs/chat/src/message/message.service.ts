import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, ForbiddenError, NotFoundError, pageSize, recordDomainEvents } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { participantsOf } from '../conversation/conversation.access.js';
import type { ConversationService } from '../conversation/conversation.service.js';
import { numberNextMessage, readUpTo } from '../conversation/conversation.sql.js';
import { messageSentEvent } from '../domain-events.js';
import { messageAddedEvents, messageUpdatedEvents, type ChatEvents } from '../events.js';
import { requireUser, type Viewer } from '../viewer.js';
import type { MessageData } from './message.data.js';
import { Message } from './message.entity.js';
import {
  MESSAGE_PAGE_LIMITS,
  decodeMessageCursor,
  messageWindow,
  normalizeAttachments,
  normalizeBody,
  normalizeClientMessageId,
  toMessagePage,
  type MessagePage,
} from './message.rules.js';
import { insertMessage, selectSentMessage } from './message.sql.js';

export interface NewMessage {
  conversationId: string;
  body: string;
  clientMessageId: string;
  attachments?: readonly string[] | null;
}

export interface MessagePageRequest {
  first?: number | null;
  after?: string | null;
  before?: string | null;
}

export class MessageService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly conversations: ConversationService,
    /** Messages of the viewer's conversations (null for any other), batched. */
    private readonly visibleMessages: DataLoader<string, MessageData | null>,
    private readonly events: ChatEvents,
  ) {}

  /**
   * Sends a message, once per (sender, clientMessageId): a retry returns the first message and
   * publishes nothing again. Sending reads the conversation up to one's own message. Every
   * message takes this path, so it is plain SQL (message.sql.ts, conversation.sql.ts): the
   * numbering takes the conversation's row lock and checks that the sender takes part, then
   * the message, the sender's read receipt and the outbox event are written in that transaction.
   */
  async send(input: NewMessage): Promise<MessageData> {
    const userId = requireUser(this.viewer);
    const body = normalizeBody(input.body);
    const attachments = normalizeAttachments(input.attachments);
    const clientMessageId = normalizeClientMessageId(input.clientMessageId);
    const earlier = await this.earlierSend(userId, clientMessageId, input.conversationId);
    if (earlier) return earlier;
    try {
      const { message, participantIds } = await this.em.transactional(async (tx) => {
        const now = new Date();
        const numbered = await numberNextMessage(tx, input.conversationId, userId, now);
        if (!numbered) throw new NotFoundError('Conversation');
        const message: MessageData = {
          id: randomUUID(),
          conversation: { id: input.conversationId },
          seq: numbered.seq,
          senderId: userId,
          clientMessageId,
          body,
          attachments,
          createdAt: now,
          editedAt: null,
          deletedAt: null,
        };
        await insertMessage(tx, message);
        await readUpTo(tx, userId, message, now);
        await recordDomainEvents(tx, [messageSentEvent(message, numbered.participantIds)]);
        return { message, participantIds: numbered.participantIds };
      });
      await this.events.publish(messageAddedEvents(message.conversation.id, message.id, participantIds));
      return message;
    } catch (error) {
      // A retry of this send committed first (it held the conversation's lock while we waited),
      // or the same key went to another conversation at the same instant: the unique index
      // refused our insert and rolled our transaction back, numbering included.
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await this.earlierSend(userId, clientMessageId, input.conversationId);
        if (winner) return winner;
      }
      throw error;
    }
  }

  /** The sender rewrites the body (not of a deleted message); others get FORBIDDEN. */
  edit(messageId: string, rawBody: string): Promise<Message> {
    const body = normalizeBody(rawBody);
    return this.changeOwn(messageId, (message) => {
      if (message.deletedAt) throw new ConflictError('A deleted message cannot be edited.');
      if (message.body === body) return false;
      Object.assign(message, { body, editedAt: new Date() });
      return true;
    });
  }

  /** The sender deletes: the row stays, shown as deleted to everyone, its body and attachments gone. Deleting again changes nothing. */
  remove(messageId: string): Promise<Message> {
    return this.changeOwn(messageId, (message) => {
      if (message.deletedAt) return false;
      Object.assign(message, { body: null, attachments: [], deletedAt: new Date() });
      return true;
    });
  }

  /** A page of a conversation's messages, oldest to newest (see messageWindow). Participants only. */
  async page(conversationId: string, request: MessagePageRequest): Promise<MessagePage<Message>> {
    requireUser(this.viewer);
    const limit = pageSize(request.first, MESSAGE_PAGE_LIMITS);
    const afterSeq = request.after ? decodeMessageCursor(request.after, conversationId, 'after') : null;
    const beforeSeq = request.before ? decodeMessageCursor(request.before, conversationId, 'before') : null;
    await this.conversations.require(conversationId);
    const window = messageWindow(afterSeq, beforeSeq, limit);
    const seq = { ...(afterSeq !== null ? { $gt: afterSeq } : {}), ...(beforeSeq !== null ? { $lt: beforeSeq } : {}) };
    const rows = await this.em.find(
      Message,
      { conversation: conversationId, ...(Object.keys(seq).length ? { seq } : {}) },
      { orderBy: { seq: window.fromNewest ? 'desc' : 'asc' }, limit: limit + 1 },
    );
    return toMessagePage(rows, window);
  }

  /** A message of a conversation the viewer takes part in; null for anything else. */
  find(messageId: string): Promise<MessageData | null> {
    return this.visibleMessages.load(messageId);
  }

  /** The message this sender already sent with this key, if any. */
  private async earlierSend(userId: string, clientMessageId: string, conversationId: string): Promise<MessageData | null> {
    const earlier = await selectSentMessage(this.em, userId, clientMessageId);
    return earlier ? this.sameConversation(earlier, conversationId) : null;
  }

  /** A key is one message: reusing it for another conversation is a client bug, not a retry. */
  private sameConversation(message: MessageData, conversationId: string): MessageData {
    if (message.conversation.id !== conversationId) throw new ConflictError('This clientMessageId was already used for a message in another conversation.');
    return message;
  }

  /** Locks the message, checks the viewer takes part (NOT_FOUND) and sent it (FORBIDDEN), applies `change`. */
  private async changeOwn(messageId: string, change: (message: Message) => boolean): Promise<Message> {
    const userId = requireUser(this.viewer);
    const { message, participants, changed } = await this.em.transactional(async (tx) => {
      const found = await tx.findOne(Message, { id: messageId });
      if (!found) throw new NotFoundError('Message');
      const participants = await participantsOf(tx, found.conversation.id, userId, 'Message');
      if (found.senderId !== userId) throw new ForbiddenError('Only its sender may change a message.');
      const message = await tx.findOneOrFail(Message, { id: messageId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      return { message, participants, changed: change(message) };
    });
    if (changed) await this.events.publish(messageUpdatedEvents(message.conversation.id, message.id, participants.map((p) => p.userId)));
    return message;
  }
}
