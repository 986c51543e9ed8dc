import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectionOf } from './page-info.type.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination.js';

describe('pageSize', () => {
  it('defaults when absent and keeps a size within the cap', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
  });

  it.each([0, -1, 101, 1.5])('refuses %s with BAD_USER_INPUT naming the field', (first) => {
    try {
      pageSize(first);
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((error as Error).message).toBe('first must be between 1 and 100.');
    }
  });
});

describe('cursors', () => {
  const shape = z.object({ slug: z.string() });

  it('round-trip a sort key through an opaque, URL-safe string', () => {
    const cursor = encodeCursor('building', { slug: 'maple-court' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('maple');
    expect(decodeCursor('building', cursor, shape)).toEqual({ slug: 'maple-court' });
  });

  it('keep quotes and other characters of the key intact', () => {
    const key = { slug: `it's 100%_"done"\\` };
    expect(decodeCursor('building', encodeCursor('building', key), shape)).toEqual(key);
  });

  it.each([
    ['another list', encodeCursor('member', { slug: 'x' })],
    ['another shape', encodeCursor('building', { id: 1 })],
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('{not json').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['too long', 'a'.repeat(513)],
    ['empty', ''],
  ])('refuse %s with BAD_USER_INPUT', (_name, cursor) => {
    expect(() => decodeCursor('building', cursor, shape)).toThrow(/not a valid cursor/);
  });
});

describe('toPage and connectionOf', () => {
  it('trim the look-ahead row and report it as a next page', () => {
    expect(toPage([1, 2, 3], 2)).toEqual({ nodes: [1, 2], hasNextPage: true });
    expect(toPage([1, 2], 2)).toEqual({ nodes: [1, 2], hasNextPage: false });
  });

  it('give each edge its cursor and the page its ends', () => {
    const connection = connectionOf({ nodes: ['a', 'b'], hasNextPage: true }, (node) => `c-${node}`);
    expect(connection.edges).toEqual([{ node: 'a', cursor: 'c-a' }, { node: 'b', cursor: 'c-b' }]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'c-a', endCursor: 'c-b' });
    expect(connectionOf({ nodes: [], hasNextPage: false }, String).pageInfo).toMatchObject({ startCursor: null, endCursor: null });
  });
});
