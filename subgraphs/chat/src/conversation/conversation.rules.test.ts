import { describe, expect, it } from 'vitest';
import { decodeInboxCursor, directKey, inboxCursorOf } from './conversation.rules.js';

const a = '0b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a';
const b = '1c9f6e6d-4a5b-4d2f-8b74-3a6f7e8d9c0b';

describe('directKey', () => {
  it('is the same whichever of the two starts', () => {
    expect(directKey(a, b)).toBe(directKey(b, a));
    expect(directKey(a, b)).toBe(`${a}:${b}`);
  });

  it('refuses a conversation with yourself', () => {
    expect(() => directKey(a, a)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'withUserId' } }));
  });
});

describe('inbox cursors', () => {
  it('round-trip the last activity and id', () => {
    const lastActivityAt = new Date('2026-11-21T10:00:00.123Z');
    expect(decodeInboxCursor(inboxCursorOf({ lastActivityAt, id: a }))).toEqual({ lastActivityAt, id: a });
  });

  it('refuse a cursor of another list', () => {
    const foreign = Buffer.from(JSON.stringify({ k: 'message', v: { c: a, s: 1 } })).toString('base64url');
    expect(() => decodeInboxCursor(foreign)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }));
  });
});
