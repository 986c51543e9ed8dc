import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countChatStatements, startChat, type RunningChat } from '../../../test/support/chat.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { DELETE, EDIT, MESSAGES, SEND, chatApi, type ChatApi, type SentMessage } from './chat-api.js';

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

const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].count);

describe('sendMessage', () => {
  it('sends a trimmed message with its attachments, as its sender', async () => {
    const { a, conversationId } = await api.pair();
    const media = [randomUUID(), randomUUID()];
    const result = await api.data<{ sendMessage: SentMessage }>(a, SEND, { input: { conversationId, body: '  hello there \n', clientMessageId: 'c-1', attachments: media } });
    expect(result.sendMessage).toMatchObject({ body: 'hello there', attachments: media, sender: { id: a }, conversation: { id: conversationId }, clientMessageId: 'c-1', editedAt: null, deletedAt: null });
  });

  it.each([
    ['an empty body', { body: '   ' }, 'body'],
    ['a body over 4000 characters', { body: 'x'.repeat(4001) }, 'body'],
    ['a NUL character', { body: 'a\u0000b' }, 'body'],
    ['half a surrogate pair', { body: 'a\ud800b' }, 'body'],
    ['11 attachments', { attachments: Array.from({ length: 11 }, () => randomUUID()) }, 'attachments'],
    ['an attachment that is not a media id', { attachments: ['photo.jpg'] }, 'attachments'],
    ['the same attachment twice', { attachments: ['0b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a', '0b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a'] }, 'attachments'],
    ['an empty clientMessageId', { clientMessageId: '' }, 'clientMessageId'],
    ['a 65-character clientMessageId', { clientMessageId: 'k'.repeat(65) }, 'clientMessageId'],
    ['a malformed conversation id', { conversationId: '1 OR 1=1' }, 'conversationId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and stores nothing', async (_name, change, field) => {
    const { a, conversationId } = await api.pair();
    const result = await api.call(a, SEND, { input: { conversationId, body: 'hi', clientMessageId: randomUUID(), ...change } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.errors![0]!.extensions!.field).toBe(field);
    expect(await count('SELECT count(*) FROM messages WHERE conversation_id = $1', [conversationId])).toBe(0);
  });

  it('accepts exactly 4000 characters, counting characters rather than UTF-16 units', async () => {
    const { a, conversationId } = await api.pair();
    expect((await api.send(a, conversationId, '😀'.repeat(4000))).body).toHaveLength(8000);
  });

  it('refuses a signed-out caller with UNAUTHENTICATED', async () => {
    const { conversationId } = await api.pair();
    expect(errorCodes(await api.call(null, SEND, { input: { conversationId, body: 'hi', clientMessageId: 'x' } }))).toEqual(['UNAUTHENTICATED']);
  });

  it('is idempotent by clientMessageId: concurrent and later retries return the one message', async () => {
    const { a, b, conversationId } = await api.pair();
    const input = { conversationId, body: 'only once', clientMessageId: randomUUID() };
    const results = await Promise.all(Array.from({ length: 8 }, () => api.data<{ sendMessage: SentMessage }>(a, SEND, { input })));
    const later = await api.send(a, conversationId, 'only once', input.clientMessageId);
    expect(new Set([...results.map((result) => result.sendMessage.id), later.id]).size).toBe(1);
    expect(await count('SELECT count(*) FROM messages WHERE conversation_id = $1', [conversationId])).toBe(1);
    // The key is per sender: the other participant may use the same one.
    const theirs = await api.send(b, conversationId, 'mine', input.clientMessageId);
    expect(theirs.id).not.toBe(later.id);
  });

  it('refuses a clientMessageId already used in another conversation with CONFLICT', async () => {
    const { a, conversationId } = await api.pair();
    const other = await api.start(a, randomUUID());
    const key = randomUUID();
    await api.send(a, conversationId, 'first', key);
    expect(errorCodes(await api.call(a, SEND, { input: { conversationId: other, body: 'second', clientMessageId: key } }))).toEqual(['CONFLICT']);
    expect(await count('SELECT count(*) FROM messages WHERE conversation_id = $1', [other])).toBe(0);
  });
});

describe('messages', () => {
  async function conversationWith(total: number) {
    const pair = await api.pair();
    const sent: SentMessage[] = [];
    for (let n = 0; n < total; n += 1) sent.push(await api.send(n % 2 ? pair.b : pair.a, pair.conversationId, `m${n}`));
    return { ...pair, sent };
  }

  it('gives the newest page first, oldest to newest, and pages back with before', async () => {
    const { a, conversationId } = await conversationWith(7);
    const newest = await api.page(a, conversationId, { first: 3 });
    expect(bodies(newest)).toEqual(['m4', 'm5', 'm6']);
    expect(newest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const older = await api.page(a, conversationId, { first: 3, before: newest.pageInfo.startCursor });
    expect(bodies(older)).toEqual(['m1', 'm2', 'm3']);
    expect(older.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const oldest = await api.page(a, conversationId, { first: 3, before: older.pageInfo.startCursor });
    expect(bodies(oldest)).toEqual(['m0']);
    expect(oldest.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('pages forward with after, oldest first, without gaps or repeats', async () => {
    const { b, conversationId, sent } = await conversationWith(7);
    const all = await api.page(b, conversationId);
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect((await api.page(b, conversationId, { before: all.pageInfo.startCursor })).edges).toEqual([]);
    const seen = [all.edges[0]!.node.id];
    let after = all.edges[0]!.cursor;
    for (;;) {
      const page = await api.page(b, conversationId, { first: 2, after });
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen).toEqual(sent.map((message) => message.id));
  });

  it('returns every later message after a cursor, including those sent concurrently by both sides (the reconnect recipe)', async () => {
    const { a, b, conversationId } = await conversationWith(3);
    const lastSeen = (await api.page(b, conversationId)).pageInfo.endCursor;
    // While "disconnected", 30 messages arrive from both participants at once.
    const missed = await Promise.all(Array.from({ length: 30 }, (_, n) => api.send(n % 2 ? a : b, conversationId, `missed ${n}`)));
    const caughtUp: string[] = [];
    let after = lastSeen;
    for (;;) {
      const page = await api.page(b, conversationId, { first: 7, after });
      caughtUp.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(caughtUp.sort()).toEqual(missed.map((message) => message.id).sort());
    const numbers = await db.query('SELECT seq FROM messages WHERE conversation_id = $1 ORDER BY seq', [conversationId]);
    expect(numbers.rows.map((row) => row.seq)).toEqual(Array.from({ length: 33 }, (_, n) => n + 1));
  });

  it('defaults to 50 a page, allows 100 and refuses more', async () => {
    const { a, conversationId } = await conversationWith(0);
    await db.query(
      `INSERT INTO messages (id, conversation_id, seq, sender_id, client_message_id, body, attachments, created_at)
       SELECT gen_random_uuid(), $1, n, $2, 'bulk-' || n, 'bulk ' || n, '{}', now() FROM generate_series(1, 120) n`,
      [conversationId, a],
    );
    await db.query('UPDATE conversations SET last_seq = 120 WHERE id = $1', [conversationId]);
    expect((await api.page(a, conversationId)).edges).toHaveLength(50);
    const hundred = await api.page(a, conversationId, { first: 100 });
    expect(hundred.edges).toHaveLength(100);
    expect(hundred.edges.at(-1)!.node.body).toBe('bulk 120');
    for (const first of [101, 0, -1]) expect(errorCodes(await api.call(a, MESSAGES, { c: conversationId, first }))).toEqual(['BAD_USER_INPUT']);
  });

  it("refuses a forged cursor, and another conversation's cursor, with BAD_USER_INPUT", async () => {
    const one = await conversationWith(2);
    const other = await api.pair();
    const cursor = (await api.page(one.a, one.conversationId)).pageInfo.endCursor;
    for (const after of ['nope', Buffer.from('{"k":"message","v":{"c":"x","s":1}}').toString('base64url'), cursor]) {
      expect(errorCodes(await api.call(other.a, MESSAGES, { c: other.conversationId, after }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(errorCodes(await api.call(other.a, MESSAGES, { c: other.conversationId, before: cursor }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('_entities', () => {
  it('resolves 20 messages of several conversations in one statement, each with its own body', async () => {
    const viewer = randomUUID();
    const sent: SentMessage[] = [];
    for (let n = 0; n < 4; n += 1) {
      const conversationId = await api.start(viewer, randomUUID());
      for (let m = 0; m < 5; m += 1) sent.push(await api.send(viewer, conversationId, `c${n} m${m}`));
    }
    const { result, statements } = await countChatStatements(chat.app, () =>
      api.data<{ _entities: Array<{ id: string; body: string }> }>(viewer, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Message { id body } } }', {
        r: sent.map((message) => ({ __typename: 'Message', id: message.id })),
      }),
    );
    expect(result._entities).toEqual(sent.map((message) => ({ id: message.id, body: message.body })));
    // The messages joined with the viewer's participation in their conversations.
    expect(statements).toHaveLength(1);
  });
});

describe('editMessage and deleteMessage', () => {
  it('let the sender edit: the body changes and editedAt is set, for everyone', async () => {
    const { a, b, conversationId } = await api.pair();
    const sent = await api.send(a, conversationId, 'helo');
    const edited = await api.data<{ editMessage: SentMessage }>(a, EDIT, { id: sent.id, body: ' hello ' });
    expect(edited.editMessage).toMatchObject({ id: sent.id, body: 'hello', editedAt: expect.any(String), deletedAt: null });
    expect(bodies(await api.page(b, conversationId))).toEqual(['hello']);
    expect(errorCodes(await api.call(a, EDIT, { id: sent.id, body: '' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuse the other participant with FORBIDDEN, and change nothing', async () => {
    const { a, b, conversationId } = await api.pair();
    const sent = await api.send(a, conversationId, 'mine');
    expect(errorCodes(await api.call(b, EDIT, { id: sent.id, body: 'theirs' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.call(b, DELETE, { id: sent.id }))).toEqual(['FORBIDDEN']);
    const row = await db.query('SELECT body, edited_at, deleted_at FROM messages WHERE id = $1', [sent.id]);
    expect(row.rows[0]).toEqual({ body: 'mine', edited_at: null, deleted_at: null });
  });

  it('delete softly: the message stays in place, shown as deleted to everyone, its content gone', async () => {
    const { a, b, conversationId } = await api.pair();
    await api.send(a, conversationId, 'before');
    const doomed = (await api.data<{ sendMessage: SentMessage }>(a, SEND, { input: { conversationId, body: 'secret', clientMessageId: randomUUID(), attachments: [randomUUID()] } })).sendMessage;
    await api.send(b, conversationId, 'after');
    const deleted = (await api.data<{ deleteMessage: SentMessage }>(a, DELETE, { id: doomed.id })).deleteMessage;
    expect(deleted).toMatchObject({ id: doomed.id, body: null, attachments: [], deletedAt: expect.any(String) });
    for (const viewer of [a, b]) {
      const page = await api.page(viewer, conversationId);
      expect(page.edges.map((edge) => [edge.node.body, edge.node.deletedAt !== null])).toEqual([['before', false], [null, true], ['after', false]]);
      const byId = await api.data<{ message: { body: string | null; attachments: string[]; deletedAt: string } }>(viewer, 'query($id: ID!) { message(id: $id) { body attachments deletedAt } }', { id: doomed.id });
      expect(byId.message).toEqual({ body: null, attachments: [], deletedAt: deleted.deletedAt });
    }
    const row = await db.query('SELECT body, attachments FROM messages WHERE id = $1', [doomed.id]);
    expect(row.rows[0]).toEqual({ body: null, attachments: [] });
    // Deleting again changes nothing; editing a deleted message is a CONFLICT.
    expect((await api.data<{ deleteMessage: SentMessage }>(a, DELETE, { id: doomed.id })).deleteMessage.deletedAt).toBe(deleted.deletedAt);
    expect(errorCodes(await api.call(a, EDIT, { id: doomed.id, body: 'back' }))).toEqual(['CONFLICT']);
  });

  it('answer NOT_FOUND for an unknown message', async () => {
    expect(errorCodes(await api.call(randomUUID(), DELETE, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await api.call(randomUUID(), EDIT, { id: randomUUID(), body: 'x' }))).toEqual(['NOT_FOUND']);
  });
});

function bodies(page: { edges: Array<{ node: { body: string | null } }> }) {
  return page.edges.map((edge) => edge.node.body);
}
