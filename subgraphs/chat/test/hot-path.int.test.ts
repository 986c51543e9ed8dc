// The paths every message takes, written in plain SQL (message.sql.ts, conversation.sql.ts):
// `sendMessage`, and `message(id)` as the router asks it once per subscribed user. What each
// writes and reads in the database, in how many statements, and that a failure leaves nothing.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countChatStatements, startChat, type RunningChat } from '../../../test/support/chat.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { SEND, chatApi, type ChatApi, type SentMessage } from './chat-api.js';

let chat: RunningChat;
let api: ChatApi;
let db: pg.Client;

beforeAll(async () => {
  chat = await startChat();
  api = chatApi(chat.graphqlUrl);
  db = new pg.Client({ connectionString: chat.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await chat?.close();
});

// What the router asks chat for a `sendMessage { id createdAt }`, and to build a `messageAdded` payload (ADR 0006).
const SEND_ONLY = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id createdAt } }';
const PAYLOAD = 'query($id: ID!) { messageAdded: message(id: $id) { __typename id body sender { __typename id } } }';

const row = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0];
const conversationRow = (id: string) => row('SELECT last_seq, last_activity_at FROM conversations WHERE id = $1', [id]);
const receipt = (conversationId: string, userId: string) =>
  row('SELECT last_read_seq, last_read_message_id, last_read_at FROM participants WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]);
const outboxEvents = async (messageId: string) =>
  (await db.query(`SELECT payload FROM outbox_event WHERE payload->'data'->>'messageId' = $1`, [messageId])).rows.map((r) => r.payload);

describe('sendMessage', () => {
  it('numbers the message, moves the activity and the sender’s receipt, and records its event, in one transaction', async () => {
    const { a, b, conversationId } = await api.pair();
    const first = await api.send(b, conversationId, 'first');
    const attachments = [randomUUID()];
    const { result, statements } = await countChatStatements(chat.app, () =>
      api.data<{ sendMessage: { id: string; createdAt: string } }>(a, SEND_ONLY, { input: { conversationId, body: 'second', clientMessageId: 'k-1', attachments } }),
    );
    const sent = result.sendMessage;
    expect(await row('SELECT seq, sender_id, client_message_id, body, attachments, created_at FROM messages WHERE id = $1', [sent.id])).toEqual({
      seq: 2,
      sender_id: a,
      client_message_id: 'k-1',
      body: 'second',
      attachments,
      created_at: new Date(sent.createdAt),
    });
    expect(await conversationRow(conversationId)).toEqual({ last_seq: 2, last_activity_at: new Date(sent.createdAt) });
    expect(await receipt(conversationId, a)).toEqual({ last_read_seq: 2, last_read_message_id: sent.id, last_read_at: new Date(sent.createdAt) });
    // The other participant's receipt stays on their own message.
    expect(await receipt(conversationId, b)).toMatchObject({ last_read_seq: 1, last_read_message_id: first.id });
    expect(await outboxEvents(sent.id)).toEqual([
      expect.objectContaining({ type: 'chat.message.sent', actorId: a, data: { conversationId, messageId: sent.id, recipientIds: [b], preview: 'second' } }),
    ]);
    // The idempotency check, then BEGIN, number, insert, receipt, outbox, COMMIT.
    expect(statements).toHaveLength(7);
  });

  it('changes nothing when the outbox cannot be written: the message and its event commit together or not at all', async () => {
    const { a, conversationId } = await api.pair();
    await api.send(a, conversationId, 'before');
    const before = await conversationRow(conversationId);
    await db.query('ALTER TABLE outbox_event RENAME TO outbox_event_away');
    try {
      const result = await api.call(a, SEND, { input: { conversationId, body: 'lost', clientMessageId: randomUUID() } });
      expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await db.query('ALTER TABLE outbox_event_away RENAME TO outbox_event');
    }
    expect(await row('SELECT count(*)::int AS count FROM messages WHERE conversation_id = $1', [conversationId])).toEqual({ count: 1 });
    expect(await conversationRow(conversationId)).toEqual(before);
    // The numbering was rolled back too: the next message follows without a gap.
    expect((await row('SELECT seq FROM messages WHERE id = $1', [(await api.send(a, conversationId, 'after')).id])).seq).toBe(2);
  });

  it('leaves no trace of a refused send: no number taken, no activity, no event', async () => {
    const { a, conversationId } = await api.pair();
    await api.send(a, conversationId, 'hello');
    const before = await conversationRow(conversationId);
    const outbox = await row('SELECT count(*)::int AS count FROM outbox_event', []);
    const outsider = await api.call(randomUUID(), SEND, { input: { conversationId, body: 'let me in', clientMessageId: randomUUID() } });
    expect(errorCodes(outsider)).toEqual(['NOT_FOUND']);
    expect(await conversationRow(conversationId)).toEqual(before);
    expect(await row('SELECT count(*)::int AS count FROM outbox_event', [])).toEqual(outbox);
  });

  it('gives concurrent retries one message and one event, and the losers’ numbers back', async () => {
    const { a, conversationId } = await api.pair();
    const input = { conversationId, body: 'once', clientMessageId: randomUUID() };
    const results = await Promise.all(Array.from({ length: 8 }, () => api.data<{ sendMessage: SentMessage }>(a, SEND, { input })));
    const ids = new Set(results.map((result) => result.sendMessage.id));
    expect(ids.size).toBe(1);
    expect(await outboxEvents([...ids][0]!)).toHaveLength(1);
    const next = await api.send(a, conversationId, 'next');
    expect((await db.query('SELECT seq FROM messages WHERE conversation_id = $1 ORDER BY seq', [conversationId])).rows.map((r) => r.seq)).toEqual([1, 2]);
    expect((await conversationRow(conversationId)).last_seq).toBe(2);
    expect(await receipt(conversationId, a)).toMatchObject({ last_read_seq: 2, last_read_message_id: next.id });
  });
});

describe('message(id), as the router builds a payload', () => {
  it('answers a participant in one statement, the access check included', async () => {
    const { a, b, conversationId } = await api.pair();
    const sent = await api.send(a, conversationId, 'for both of you');
    for (const viewer of [a, b]) {
      const { result, statements } = await countChatStatements(chat.app, () => api.data<{ messageAdded: unknown }>(viewer, PAYLOAD, { id: sent.id }));
      expect(result.messageAdded).toEqual({ __typename: 'Message', id: sent.id, body: 'for both of you', sender: { __typename: 'User', id: a } });
      expect(statements).toHaveLength(1);
    }
  });

  it('answers null to anyone else, and to a signed-out caller, without a second look', async () => {
    const { a, conversationId } = await api.pair();
    const sent = await api.send(a, conversationId, 'private');
    for (const viewer of [randomUUID(), null]) {
      const { result, statements } = await countChatStatements(chat.app, () => api.call(viewer, PAYLOAD, { id: sent.id }));
      expect(result.body).toEqual({ data: { messageAdded: null } });
      expect(statements.length).toBeLessThanOrEqual(1);
    }
  });

  it('shows the dates as stored, an edit and a deletion included', async () => {
    const { a, b, conversationId } = await api.pair();
    const sent = await api.send(a, conversationId, 'draft');
    await api.data(a, 'mutation($id: ID!) { editMessage(messageId: $id, body: "final") { id } }', { id: sent.id });
    const QUERY = 'query($id: ID!) { message(id: $id) { body attachments createdAt editedAt deletedAt clientMessageId } }';
    const stored = await row('SELECT created_at, edited_at FROM messages WHERE id = $1', [sent.id]);
    expect((await api.data<{ message: unknown }>(b, QUERY, { id: sent.id })).message).toEqual({
      body: 'final',
      attachments: [],
      createdAt: stored.created_at.toISOString(),
      editedAt: stored.edited_at.toISOString(),
      deletedAt: null,
      // Only its sender sees the idempotency key.
      clientMessageId: null,
    });
    await api.data(a, 'mutation($id: ID!) { deleteMessage(messageId: $id) { id } }', { id: sent.id });
    const deleted = await row('SELECT deleted_at FROM messages WHERE id = $1', [sent.id]);
    expect((await api.data<{ message: unknown }>(a, QUERY, { id: sent.id })).message).toMatchObject({ body: null, deletedAt: deleted.deleted_at.toISOString(), clientMessageId: sent.clientMessageId });
  });
});
