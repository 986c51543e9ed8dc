import { decodeCursor, encodeCursor, isUuid, type PageSizeLimits, UserInputError } from '@lobby/platform';
import { z } from 'zod';

export const BODY_MAX_LENGTH = 4000;
export const ATTACHMENTS_MAX = 10;
export const CLIENT_MESSAGE_ID_MAX_LENGTH = 64;
export const MESSAGE_PAGE_LIMITS: PageSizeLimits = { defaultSize: 50, maxSize: 100 };

// C0 controls other than tab, line feed and carriage return, and DEL: never text a person typed
// (and PostgreSQL cannot store NUL at all).
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Half of a surrogate pair: JSON can carry one, UTF-8 (and so PostgreSQL) cannot.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Trimmed; 1–4000 characters (code points), well-formed, no control characters but tab and newlines. */
export function normalizeBody(raw: string): string {
  const body = raw.trim();
  if (body.length === 0) throw new UserInputError('body must not be empty.', 'body');
  if ([...body].length > BODY_MAX_LENGTH) throw new UserInputError(`body must be at most ${BODY_MAX_LENGTH} characters.`, 'body');
  if (loneSurrogate.test(body) || controlCharacters.test(body)) throw new UserInputError('body contains characters that are not text.', 'body');
  return body;
}

/** At most 10 distinct media ids, lower-cased. */
export function normalizeAttachments(raw: readonly string[] | null | undefined): string[] {
  const ids = (raw ?? []).map((id) => id.trim().toLowerCase());
  if (ids.length > ATTACHMENTS_MAX) throw new UserInputError(`At most ${ATTACHMENTS_MAX} attachments.`, 'attachments');
  if (!ids.every(isUuid)) throw new UserInputError('attachments must be media IDs.', 'attachments');
  if (new Set(ids).size !== ids.length) throw new UserInputError('attachments lists a media ID twice.', 'attachments');
  return ids;
}

const clientMessageIdShape = /^[A-Za-z0-9._:-]+$/;

/** The client's idempotency key: 1–64 of `A–Z a–z 0–9 . _ : -` (a UUID or ULID fits), taken as it is. */
export function normalizeClientMessageId(raw: string): string {
  if (raw.length === 0 || raw.length > CLIENT_MESSAGE_ID_MAX_LENGTH || !clientMessageIdShape.test(raw)) {
    throw new UserInputError(`clientMessageId must be 1–${CLIENT_MESSAGE_ID_MAX_LENGTH} letters, digits, '.', '_', ':' or '-'.`, 'clientMessageId');
  }
  return raw;
}

const MESSAGE_CURSOR = 'message';
const messageCursor = z.object({ c: z.uuid(), s: z.number().int().min(1) });

/** A message's place in its conversation; a cursor of another conversation is refused. */
export function messageCursorOf(message: { seq: number; conversation: { id: string } }): string {
  return encodeCursor(MESSAGE_CURSOR, { c: message.conversation.id, s: message.seq });
}

export function decodeMessageCursor(cursor: string, conversationId: string, field: 'after' | 'before'): number {
  const { c, s } = decodeCursor(MESSAGE_CURSOR, cursor, messageCursor, field);
  if (c !== conversationId) throw new UserInputError(`${field} is not a valid cursor for this list.`, field);
  return s;
}

/**
 * Which messages a page holds. Without cursors: the newest `limit`. `after`: the oldest `limit`
 * after it (paging forward, and the reconnect recipe). `before`: the newest `limit` before it
 * (scrolling back). Both: the oldest `limit` between them. Pages always run oldest to newest.
 */
export interface MessageWindow {
  afterSeq: number | null;
  beforeSeq: number | null;
  limit: number;
  /** Read from the newest end (then reversed): the latest page, and `before` alone. */
  fromNewest: boolean;
}

export function messageWindow(afterSeq: number | null, beforeSeq: number | null, limit: number): MessageWindow {
  return { afterSeq, beforeSeq, limit, fromNewest: afterSeq === null };
}

export interface MessagePage<Node> {
  nodes: Node[];
  /** Newer messages follow this page (within `before`, when given). */
  hasNextPage: boolean;
  /** Older messages precede this page (within `after`, when given). */
  hasPreviousPage: boolean;
}

/** Rows fetched with `limit + 1` in the window's reading order → the page, oldest first. */
export function toMessagePage<Node>(rows: Node[], window: MessageWindow): MessagePage<Node> {
  const more = rows.length > window.limit;
  const nodes = rows.slice(0, window.limit);
  if (window.fromNewest) {
    return { nodes: nodes.reverse(), hasNextPage: window.beforeSeq !== null, hasPreviousPage: more };
  }
  return { nodes, hasNextPage: more, hasPreviousPage: true };
}
