import type { EntityManager } from '@mikro-orm/postgresql';

// What sending a message changes in a conversation, in plain SQL on the sender's transaction:
// one statement each, no entity hydration, no unit of work (see message.sql.ts).

export interface NumberedMessage {
  /** The new message's number in its conversation. */
  seq: number;
  /** Everyone taking part, the sender included, in the order they joined. */
  participantIds: string[];
}

/**
 * Numbers the sender's next message. The UPDATE takes the conversation's row lock until the
 * transaction ends, so sends to one conversation are serialised and numbered in commit order
 * (see Conversation). Null when the conversation does not exist or the sender takes no part in
 * it; then nothing is locked or changed.
 */
export async function numberNextMessage(tx: EntityManager, conversationId: string, senderId: string, sentAt: Date): Promise<NumberedMessage | null> {
  const rows: Array<{ seq: number; participant_ids: string[] }> = await tx.execute(
    `update conversations c set last_seq = c.last_seq + 1, last_activity_at = ?
     where c.id = ? and exists (select 1 from participants p where p.conversation_id = c.id and p.user_id = ?)
     returning c.last_seq as seq,
       array(select p.user_id from participants p where p.conversation_id = c.id order by p.joined_at, p.id) as participant_ids`,
    [sentAt, conversationId, senderId],
  );
  return rows[0] ? { seq: rows[0].seq, participantIds: rows[0].participant_ids } : null;
}

/** Moves the user's read receipt to this message; never back (a receipt already past it stays). */
export async function readUpTo(tx: EntityManager, userId: string, message: { id: string; seq: number; conversation: { id: string } }, readAt: Date): Promise<void> {
  await tx.execute(
    `update participants set last_read_seq = ?, last_read_message_id = ?, last_read_at = ?
     where conversation_id = ? and user_id = ? and last_read_seq < ?`,
    [message.seq, message.id, readAt, message.conversation.id, userId, message.seq],
    'run',
  );
}
