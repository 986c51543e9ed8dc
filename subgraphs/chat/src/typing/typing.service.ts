import { ErrorCode } from '@lobby/contracts';
import { RateLimitedError } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import type { Conversation } from '../conversation/conversation.entity.js';
import type { ConversationService } from '../conversation/conversation.service.js';
import type { Participant } from '../conversation/participant.entity.js';
import { typingEvent, type ChatEvents } from '../events.js';
import { requireUser, type Viewer } from '../viewer.js';

export interface TypingSettings {
  keyPrefix: string;
  ttlSeconds: number;
  /** setTyping calls per user per window. */
  rateLimit: number;
  rateWindowSeconds: number;
}

export interface TypingEvent {
  conversation: Conversation;
  userId: string;
  isTyping: boolean;
}

/**
 * Typing is ephemeral: a Redis key per (conversation, user) that expires after a few seconds
 * unless renewed, and an event to the other participants. Nothing of it touches the database.
 */
export class TypingService {
  constructor(
    private readonly redis: Redis,
    private readonly viewer: Viewer,
    private readonly conversations: ConversationService,
    private readonly participants: DataLoader<string, Participant[]>,
    private readonly events: ChatEvents,
    private readonly settings: TypingSettings,
  ) {}

  /** Participants only (NOT_FOUND otherwise); RATE_LIMITED beyond the per-user rate. */
  async set(conversationId: string, isTyping: boolean): Promise<boolean> {
    const userId = requireUser(this.viewer);
    await this.conversations.require(conversationId);
    const participants = await this.participants.load(conversationId);
    const { count, msLeft } = await this.unavailableOnFailure(() => this.countCall(userId));
    if (count > this.settings.rateLimit) throw new RateLimitedError(msLeft / 1000);
    const key = this.typingKey(conversationId, userId);
    await this.unavailableOnFailure<unknown>(() => (isTyping ? this.redis.set(key, '1', 'EX', this.settings.ttlSeconds) : this.redis.del(key)));
    const others = participants.map((participant) => participant.userId).filter((id) => id !== userId);
    await this.events.publish([typingEvent(conversationId, userId, isTyping, others)]);
    return true;
  }

  /** The other participants typing right now. Best effort: empty while Redis is unreachable. */
  async typingUsers(conversationId: string): Promise<string[]> {
    const others = (await this.participants.load(conversationId)).map((participant) => participant.userId).filter((id) => id !== this.viewer.userId);
    if (others.length === 0) return [];
    const flags = await this.redis.mget(others.map((id) => this.typingKey(conversationId, id))).catch(() => others.map(() => null));
    return others.filter((_id, index) => flags[index] !== null);
  }

  /** The payload of a `typing` event, for a participant; null for anyone else, or a user outside the conversation. */
  async event(conversationId: string, userId: string, isTyping: boolean): Promise<TypingEvent | null> {
    const conversation = await this.conversations.find(conversationId);
    if (!conversation) return null;
    const participants = await this.participants.load(conversationId);
    return participants.some((participant) => participant.userId === userId) ? { conversation, userId, isTyping } : null;
  }

  private typingKey(conversationId: string, userId: string): string {
    return `${this.settings.keyPrefix}chat:typing:${conversationId}:${userId}`;
  }

  /** A fixed window per user: the first call starts it, each call counts. */
  private async countCall(userId: string): Promise<{ count: number; msLeft: number }> {
    const key = `${this.settings.keyPrefix}chat:typing-rate:${userId}`;
    const replies = await this.redis.multi().set(key, '0', 'EX', this.settings.rateWindowSeconds, 'NX').incr(key).pttl(key).exec();
    const failed = replies?.find(([error]) => error);
    if (!replies || failed) throw failed?.[0] ?? new Error('typing rate transaction aborted');
    return { count: Number(replies[1]![1]), msLeft: Number(replies[2]![1]) };
  }

  private async unavailableOnFailure<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new GraphQLError('Typing is unavailable right now. Try again shortly.', { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE }, originalError: error as Error });
    }
  }
}
