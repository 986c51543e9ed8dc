import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countChatStatements, startChat, type RunningChat } from '../../../test/support/chat.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { chatDatabase } from '../src/database.js';
import { MARK_READ, START, chatApi, type ChatApi } from './chat-api.js';

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

describe('startConversation', () => {
  it('starts a DIRECT conversation between two users, and returns the same one to either of them later', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const started = await api.data<{ startConversation: { id: string; kind: string; participants: Array<{ id: string }> } }>(a, START, { with: b });
    expect(started.startConversation.kind).toBe('DIRECT');
    expect(started.startConversation.participants.map((user) => user.id).sort()).toEqual([a, b].sort());
    expect(await api.start(a, b)).toBe(started.startConversation.id);
    expect(await api.start(b, a)).toBe(started.startConversation.id);
    expect(await api.start(b, a.toUpperCase())).toBe(started.startConversation.id);
  });

  it('gives a pair one conversation when both start it at the same instant, many times over', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const ids = await Promise.all(Array.from({ length: 8 }, (_, n) => (n % 2 ? api.start(a, b) : api.start(b, a))));
    expect(new Set(ids).size).toBe(1);
    expect(await count('SELECT count(*) FROM conversations WHERE id = $1', [ids[0]])).toBe(1);
    expect(await count('SELECT count(*) FROM participants WHERE conversation_id = $1', [ids[0]])).toBe(2);
    expect(await count("SELECT count(*) FROM participants WHERE user_id = $1", [a])).toBe(1);
  });

  it('refuses a conversation with yourself, a malformed id and a signed-out caller, and creates nothing', async () => {
    const me = randomUUID();
    const before = await count('SELECT count(*) FROM conversations');
    const self = await api.call(me, START, { with: me });
    expect(errorCodes(self)).toEqual(['BAD_USER_INPUT']);
    expect(self.body.errors![0]!.extensions!.field).toBe('withUserId');
    expect(errorCodes(await api.call(me, START, { with: 'not-an-id' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await api.call(null, START, { with: randomUUID() }))).toEqual(['UNAUTHENTICATED']);
    expect(await count('SELECT count(*) FROM conversations')).toBe(before);
  });
});

describe('myConversations', () => {
  const INBOX = `query($first: Int, $after: String) { myConversations(first: $first, after: $after) {
    edges { cursor node { id lastActivityAt lastMessage { body } unreadCount participants { id } } }
    pageInfo { hasNextPage endCursor }
  } }`;
  type Inbox = { myConversations: { edges: Array<{ cursor: string; node: { id: string; lastMessage: { body: string } | null; unreadCount: number } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };

  it('lists your conversations by last activity, newest first, page by page', async () => {
    const me = randomUUID();
    const others = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const conversations: string[] = [];
    for (const other of others) conversations.push(await api.start(me, other));
    // Activity order, oldest first: 2, 0, 3, 1.
    for (const index of [2, 0, 3, 1]) await api.send(others[index]!, conversations[index]!, `hello ${index}`);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Inbox = await api.data<Inbox>(me, INBOX, { first: 3, after });
      pages += 1;
      seen.push(...page.myConversations.edges.map((edge) => edge.node.id));
      if (!page.myConversations.pageInfo.hasNextPage) break;
      after = page.myConversations.pageInfo.endCursor;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual([1, 3, 0, 2].map((index) => conversations[index]));

    const first = await api.data<Inbox>(me, INBOX);
    expect(first.myConversations.edges[0]!.node).toMatchObject({ lastMessage: { body: 'hello 1' }, unreadCount: 1 });
    // The other side sent, so the other side has nothing unread.
    const theirs = await api.data<Inbox>(others[1]!, INBOX);
    expect(theirs.myConversations.edges.map((edge) => edge.node)).toEqual([expect.objectContaining({ id: conversations[1], unreadCount: 0 })]);
  });

  it('refuses a signed-out caller, a page over 100 and a foreign cursor', async () => {
    expect(errorCodes(await api.call(null, INBOX))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.call(randomUUID(), INBOX, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
    const { conversationId, a } = await api.pair();
    const message = await api.send(a, conversationId, 'x');
    const page = await api.page(a, conversationId);
    expect(message.id).toBe(page.edges[0]!.node.id);
    expect(errorCodes(await api.call(a, INBOX, { after: page.edges[0]!.cursor }))).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves a page of 20 conversations with last messages, unread counts and participants in four statements', async () => {
    const me = randomUUID();
    for (let n = 0; n < 20; n += 1) {
      const other = randomUUID();
      const conversationId = await api.start(me, other);
      for (let m = 0; m <= n % 3; m += 1) await api.send(other, conversationId, `m${m}`);
    }
    const { result, statements } = await countChatStatements(chat.app, () => api.data<Inbox>(me, INBOX, { first: 20 }));
    expect(result.myConversations.edges).toHaveLength(20);
    expect(result.myConversations.edges.map((edge) => edge.node.unreadCount).sort()).toEqual([...Array(7).fill(1), ...Array(7).fill(2), ...Array(6).fill(3)].sort());
    // The page, the last messages, the unread counts, the participants.
    expect(statements).toHaveLength(4);
  });
});

describe('read receipts', () => {
  it("show each participant's last-read message to everyone in the conversation, and only move forward", async () => {
    const { a, b, conversationId } = await api.pair();
    const first = await api.send(a, conversationId, 'one');
    const second = await api.send(a, conversationId, 'two');
    type Receipts = { conversation: { unreadCount: number; readReceipts: Array<{ user: { id: string }; lastReadMessage: { id: string } | null; readAt: string | null }> } };
    const RECEIPTS = 'query($id: ID!) { conversation(id: $id) { unreadCount readReceipts { user { id } lastReadMessage { id } readAt } } }';
    const receiptOf = (result: Receipts, userId: string) => result.conversation.readReceipts.find((receipt) => receipt.user.id === userId);

    const before = await api.data<Receipts>(b, RECEIPTS, { id: conversationId });
    expect(before.conversation.unreadCount).toBe(2);
    expect(receiptOf(before, b)).toMatchObject({ lastReadMessage: null, readAt: null });
    // Sending reads up to one's own message.
    expect(receiptOf(before, a)).toMatchObject({ lastReadMessage: { id: second.id } });

    const marked = await api.data<{ markConversationRead: { unreadCount: number } }>(b, MARK_READ, { c: conversationId, m: first.id });
    expect(marked.markConversationRead.unreadCount).toBe(1);
    const seenByA = await api.data<Receipts>(a, RECEIPTS, { id: conversationId });
    expect(receiptOf(seenByA, b)).toMatchObject({ lastReadMessage: { id: first.id }, readAt: expect.any(String) });

    await api.data(b, MARK_READ, { c: conversationId, m: second.id });
    await api.data(b, MARK_READ, { c: conversationId, m: first.id });
    const after = await api.data<Receipts>(b, RECEIPTS, { id: conversationId });
    expect(after.conversation.unreadCount).toBe(0);
    expect(receiptOf(after, b)).toMatchObject({ lastReadMessage: { id: second.id } });
  });

  it('refuse a message of another conversation with NOT_FOUND', async () => {
    const one = await api.pair();
    const other = await api.pair();
    const foreign = await api.send(other.a, other.conversationId, 'elsewhere');
    expect(errorCodes(await api.call(one.a, MARK_READ, { c: one.conversationId, m: foreign.id }))).toEqual(['NOT_FOUND']);
  });

  it('keep the furthest position when two devices mark at the same instant', async () => {
    const { a, b, conversationId } = await api.pair();
    const sent = [];
    for (let n = 0; n < 6; n += 1) sent.push(await api.send(a, conversationId, `m${n}`));
    await Promise.all(sent.map((message) => api.call(b, MARK_READ, { c: conversationId, m: message.id })));
    const row = await db.query('SELECT last_read_message_id FROM participants WHERE conversation_id = $1 AND user_id = $2', [conversationId, b]);
    expect(row.rows[0].last_read_message_id).toBe(sent.at(-1)!.id);
  });
});

describe('storage', () => {
  it('has migrations that match the entities exactly', async () => {
    const orm = await chatDatabase.open(chat.databaseUrl, 1);
    try {
      expect(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await orm.close();
    }
  });
});
