import { UserInputError, decodeCursor, encodeCursor } from '@lobby/platform';
import { z } from 'zod';

export enum ConversationKind {
  /** Two users. */
  DIRECT = 'DIRECT',
  /** A buyer and a seller about a listing (comes with the marketplace). */
  LISTING = 'LISTING',
}

/**
 * The key that makes a pair of users' DIRECT conversation unique (a unique index holds it, so
 * two users starting it at the same instant get one conversation): both ids, sorted.
 */
export function directKey(userId: string, otherUserId: string): string {
  if (userId === otherUserId) throw new UserInputError('You cannot start a conversation with yourself.', 'withUserId');
  return [userId, otherUserId].sort().join(':');
}

/** The key that makes a buyer's conversation about a listing unique (a unique index holds it). */
export function listingKey(listingId: string, buyerId: string): string {
  return `${listingId}:${buyerId}`;
}

/** A new conversation may start about a listing that is for sale or reserved; an existing one stays. */
export const OPEN_LISTING_STATUSES = new Set(['ACTIVE', 'RESERVED']);

const INBOX_CURSOR = 'conversation';
const inboxCursor = z.object({ t: z.iso.datetime(), i: z.uuid() });

/** `myConversations` runs by last activity, newest first; ties broken by id. */
export function inboxCursorOf(conversation: { lastActivityAt: Date; id: string }): string {
  return encodeCursor(INBOX_CURSOR, { t: conversation.lastActivityAt.toISOString(), i: conversation.id });
}

export function decodeInboxCursor(cursor: string): { lastActivityAt: Date; id: string } {
  const { t, i } = decodeCursor(INBOX_CURSOR, cursor, inboxCursor);
  return { lastActivityAt: new Date(t), id: i };
}
