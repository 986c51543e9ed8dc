import { describe, expect, it } from 'vitest';
import {
  decodeMessageCursor,
  messageCursorOf,
  messageWindow,
  normalizeAttachments,
  normalizeBody,
  normalizeClientMessageId,
  toMessagePage,
} from './message.rules.js';

const refusal = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('expected a refusal');
};

const conversationId = '0b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a';
const otherConversationId = '1c9f6e6d-4a5b-4d2f-8b74-3a6f7e8d9c0b';

describe('normalizeBody', () => {
  it('trims, and keeps everything else as typed', () => {
    expect(normalizeBody('  hi\n\tthere  ')).toBe('hi\n\tthere');
    expect(normalizeBody('ｆｕｌｌ width, עברית, 😀')).toBe('ｆｕｌｌ width, עברית, 😀');
  });

  it('counts characters, not UTF-16 units: 4000 emoji fit, 4001 do not', () => {
    expect(normalizeBody('😀'.repeat(4000))).toHaveLength(8000);
    expect(refusal(() => normalizeBody('😀'.repeat(4001)))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
  });

  it.each(['', '   ', '\n\t', 'x'.repeat(4001), 'a\u0000b', 'a\u0007b', 'a\u007fb', 'a\ud800b', 'a\udc00b'])('refuses %j', (raw) => {
    expect(refusal(() => normalizeBody(raw))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
  });
});

describe('normalizeAttachments', () => {
  it('takes up to 10 distinct media ids, lower-cased; none when absent', () => {
    expect(normalizeAttachments(undefined)).toEqual([]);
    expect(normalizeAttachments([conversationId.toUpperCase()])).toEqual([conversationId]);
    expect(normalizeAttachments(Array.from({ length: 10 }, (_, n) => `${n}b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a`))).toHaveLength(10);
  });

  it.each([
    [Array.from({ length: 11 }, (_, n) => `${n % 10}b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9${n % 10}`)],
    [['photo.jpg']],
    [[conversationId, conversationId.toUpperCase()]],
  ])('refuses %j', (raw) => {
    expect(refusal(() => normalizeAttachments(raw))).toEqual({ code: 'BAD_USER_INPUT', field: 'attachments' });
  });
});

describe('normalizeClientMessageId', () => {
  it.each([conversationId, '01HF8Z3Q5N6V7W8X9Y0Z1A2B3C', 'web:42.retry_1', 'k'.repeat(64)])('accepts %j as it is', (raw) => {
    expect(normalizeClientMessageId(raw)).toBe(raw);
  });

  it.each(['', 'k'.repeat(65), 'has space', 'semi;colon', 'ünicode'])('refuses %j', (raw) => {
    expect(refusal(() => normalizeClientMessageId(raw))).toEqual({ code: 'BAD_USER_INPUT', field: 'clientMessageId' });
  });
});

describe('message cursors', () => {
  it('round-trip a message position within its conversation, and are opaque', () => {
    const cursor = messageCursorOf({ seq: 42, conversation: { id: conversationId } });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeMessageCursor(cursor, conversationId, 'after')).toBe(42);
  });

  it("refuse another conversation's cursor, naming the argument", () => {
    const cursor = messageCursorOf({ seq: 1, conversation: { id: otherConversationId } });
    expect(refusal(() => decodeMessageCursor(cursor, conversationId, 'before'))).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
  });

  it.each([
    'nope!',
    Buffer.from(JSON.stringify({ k: 'conversation', v: { c: conversationId, s: 1 } })).toString('base64url'),
    Buffer.from(JSON.stringify({ k: 'message', v: { c: conversationId, s: 0 } })).toString('base64url'),
    Buffer.from(JSON.stringify({ k: 'message', v: { c: conversationId, s: '1' } })).toString('base64url'),
  ])('refuse a forged cursor %j', (cursor) => {
    expect(refusal(() => decodeMessageCursor(cursor, conversationId, 'after'))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('message pages', () => {
  // Rows as the database returns them for each window: newest first when reading from the newest end.
  it('without cursors: the newest page, oldest to newest, older ones before it', () => {
    const window = messageWindow(null, null, 3);
    expect(window.fromNewest).toBe(true);
    expect(toMessagePage([9, 8, 7, 6], window)).toEqual({ nodes: [7, 8, 9], hasNextPage: false, hasPreviousPage: true });
    expect(toMessagePage([2, 1], window)).toEqual({ nodes: [1, 2], hasNextPage: false, hasPreviousPage: false });
  });

  it('before: the newest page before the cursor, with newer messages after it', () => {
    const window = messageWindow(null, 7, 3);
    expect(toMessagePage([6, 5, 4, 3], window)).toEqual({ nodes: [4, 5, 6], hasNextPage: true, hasPreviousPage: true });
    expect(toMessagePage([1], window)).toEqual({ nodes: [1], hasNextPage: true, hasPreviousPage: false });
  });

  it('after: the oldest page after the cursor, reading forward', () => {
    const window = messageWindow(3, null, 3);
    expect(window.fromNewest).toBe(false);
    expect(toMessagePage([4, 5, 6, 7], window)).toEqual({ nodes: [4, 5, 6], hasNextPage: true, hasPreviousPage: true });
    expect(toMessagePage([4], window)).toEqual({ nodes: [4], hasNextPage: false, hasPreviousPage: true });
    expect(toMessagePage([], window)).toEqual({ nodes: [], hasNextPage: false, hasPreviousPage: true });
  });
});
