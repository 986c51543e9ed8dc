import { describe, expect, it } from 'vitest';
import { decodeNotificationCursor, normalizeIds, notificationCursorOf, notificationIdFor } from './notification.rules.js';

const event = '0b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a';
const [a, b] = ['1c9f6e6d-4a5b-4d2f-8b74-3a6f7e8d9c0b', '2d0a7f7e-5b6c-4e3a-9c85-4b7a8f9e0d1c'];
const refusal = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return (error as { extensions: unknown }).extensions;
  }
  throw new Error('expected a refusal');
};

describe('notificationIdFor', () => {
  it('names the same notification for the same event and recipient, another for anyone else', () => {
    expect(notificationIdFor(event, a)).toBe(notificationIdFor(event, a));
    expect(notificationIdFor(event, a)).not.toBe(notificationIdFor(event, b));
    expect(notificationIdFor(b, a)).not.toBe(notificationIdFor(event, a));
  });

  it('is a well-formed UUID (version 8, RFC 9562 variant)', () => {
    expect(notificationIdFor(event, a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('normalizeIds', () => {
  it('lower-cases and drops repeats', () => {
    expect(normalizeIds([a.toUpperCase(), a, b])).toEqual([a, b]);
  });

  it.each([[[]], [['nope']], [Array.from({ length: 101 }, (_, n) => `${String(n).padStart(8, '0')}-3f4a-4c1e-9a63-2f5e6d7c8b9a`)]])('refuses %j', (ids) => {
    expect(refusal(() => normalizeIds(ids))).toEqual({ code: 'BAD_USER_INPUT', field: 'ids' });
  });
});

describe('notification cursors', () => {
  it('round-trip the last event time and id', () => {
    const updatedAt = new Date('2026-11-21T10:00:00.123Z');
    expect(decodeNotificationCursor(notificationCursorOf({ updatedAt, id: a }))).toEqual({ updatedAt, id: a });
  });

  it("refuse another list's cursor", () => {
    const foreign = Buffer.from(JSON.stringify({ k: 'conversation', v: { t: '2026-11-21T10:00:00.000Z', i: a } })).toString('base64url');
    expect(refusal(() => decodeNotificationCursor(foreign))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
