import type { EntityManager } from '@mikro-orm/postgresql';
import { MESSAGE_COLUMNS, messageOfRow, type MessageData, type MessageRow } from './message.data.js';

// The paths every message takes — sending it, and the router fetching it for each subscriber —
// in plain SQL: one statement each, no entity hydration, no unit of work (ADR 0006 has the profile).

/**
 * The messages among `ids` that `viewerId` may see: joined with the viewer's own participation,
 * so the access check and the read are one statement. Anything else is simply not returned.
 */
export async function selectVisibleMessages(em: EntityManager, viewerId: string, ids: readonly string[]): Promise<MessageData[]> {
  const rows: MessageRow[] = await em.execute(
    `select ${MESSAGE_COLUMNS} from messages m
     join participants p on p.conversation_id = m.conversation_id and p.user_id = ?
     where m.id in (?)`,
    [viewerId, ids],
  );
  return rows.map(messageOfRow);
}

/** The message `senderId` sent with this idempotency key, in whatever conversation; null if none. */
export async function selectSentMessage(em: EntityManager, senderId: string, clientMessageId: string): Promise<MessageData | null> {
  const rows: MessageRow[] = await em.execute(`select ${MESSAGE_COLUMNS} from messages m where m.sender_id = ? and m.client_message_id = ?`, [
    senderId,
    clientMessageId,
  ]);
  return rows[0] ? messageOfRow(rows[0]) : null;
}

/**
 * Inserts a new message inside the sender's transaction. A second message with the same
 * (sender, clientMessageId) fails on the unique index (UniqueConstraintViolationException).
 */
export async function insertMessage(tx: EntityManager, message: MessageData): Promise<void> {
  await tx.execute(
    `insert into messages (id, conversation_id, seq, sender_id, client_message_id, body, attachments, created_at)
     values (?, ?, ?, ?, ?, ?, array[?]::uuid[], ?)`,
    // An array parameter becomes a list of quoted values: `array[]::uuid[]` when there are none.
    [message.id, message.conversation.id, message.seq, message.senderId, message.clientMessageId, message.body, message.attachments, message.createdAt],
    'run',
  );
}

