/**
 * A message as resolvers, cursors and events use it. The Message entity has this shape, and so
 * do the rows the hot paths read and write with plain SQL (message.sql.ts): a resolver need not
 * know which one it was given.
 */
export interface MessageData {
  id: string;
  conversation: { id: string };
  seq: number;
  senderId: string;
  clientMessageId: string;
  body: string | null;
  attachments: string[];
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

/** The `messages` columns a MessageData is read from, for a table aliased `m`. */
export const MESSAGE_COLUMNS =
  'm.id, m.conversation_id, m.seq, m.sender_id, m.client_message_id, m.body, m.attachments, m.created_at, m.edited_at, m.deleted_at';

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  client_message_id: string;
  body: string | null;
  attachments: string[];
  // MikroORM's pool hands timestamps over as text (PostgreSqlConnection's type parsers).
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export function messageOfRow(row: MessageRow): MessageData {
  return {
    id: row.id,
    conversation: { id: row.conversation_id },
    seq: row.seq,
    senderId: row.sender_id,
    clientMessageId: row.client_message_id,
    body: row.body,
    attachments: row.attachments,
    createdAt: new Date(row.created_at),
    editedAt: row.edited_at === null ? null : new Date(row.edited_at),
    deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at),
  };
}
