import type { z } from 'zod';
import { UserInputError } from './errors.js';

/**
 * Relay-style forward pagination shared by every subgraph: page sizes with a hard cap, and
 * opaque cursors. A cursor is base64url JSON naming its kind (so a cursor of one list is refused
 * by another) and carrying the sort key of the last row seen; the caller's filters are applied
 * again on every page, so an edited cursor can move the window but never widen what is visible.
 */

export interface PageSizeLimits {
  defaultSize: number;
  maxSize: number;
}

export const DEFAULT_PAGE_SIZE_LIMITS: PageSizeLimits = { defaultSize: 20, maxSize: 100 };

// Far longer than any sort key Lobby encodes; refuses a megabyte of "cursor" before parsing it.
const MAX_CURSOR_LENGTH = 512;

/** `first` as a row count: the default when absent, BAD_USER_INPUT outside 1..maxSize. */
export function pageSize(first: number | null | undefined, limits: PageSizeLimits = DEFAULT_PAGE_SIZE_LIMITS, field = 'first'): number {
  if (first === null || first === undefined) return limits.defaultSize;
  if (!Number.isInteger(first) || first < 1 || first > limits.maxSize) {
    throw new UserInputError(`${field} must be between 1 and ${limits.maxSize}.`, field);
  }
  return first;
}

export function encodeCursor(kind: string, key: unknown): string {
  return Buffer.from(JSON.stringify({ k: kind, v: key }), 'utf8').toString('base64url');
}

/** The sort key inside `cursor`, checked against `shape`; BAD_USER_INPUT for anything else. */
export function decodeCursor<T>(kind: string, cursor: string, shape: z.ZodType<T>, field = 'after'): T {
  const refuse = () => new UserInputError(`${field} is not a valid cursor for this list.`, field);
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!parsed || typeof parsed !== 'object' || (parsed as { k?: unknown }).k !== kind) throw refuse();
  const key = shape.safeParse((parsed as { v?: unknown }).v);
  if (!key.success) throw refuse();
  return key.data;
}

export interface Page<Node> {
  nodes: Node[];
  hasNextPage: boolean;
}

/** Rows fetched with `limit + 1` → the page and whether another follows. */
export function toPage<Node>(rows: Node[], limit: number): Page<Node> {
  return { nodes: rows.slice(0, limit), hasNextPage: rows.length > limit };
}
