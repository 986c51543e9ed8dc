import { createHash } from 'node:crypto';
import { UserInputError, decodeCursor, encodeCursor, isUuid, type PageSizeLimits } from '@lobby/platform';
import { z } from 'zod';

/** What a notification is about happening; one per kind of domain event a user hears of. */
export enum NotificationKind {
  MESSAGE_RECEIVED = 'MESSAGE_RECEIVED',
  OFFER_RECEIVED = 'OFFER_RECEIVED',
  OFFER_ACCEPTED = 'OFFER_ACCEPTED',
  OFFER_DECLINED = 'OFFER_DECLINED',
  LISTING_SOLD = 'LISTING_SOLD',
  LISTING_FAVORITED = 'LISTING_FAVORITED',
  MEMBERSHIP_REQUESTED = 'MEMBERSHIP_REQUESTED',
  MEMBERSHIP_APPROVED = 'MEMBERSHIP_APPROVED',
  MEDIA_READY = 'MEDIA_READY',
  MEDIA_FAILED = 'MEDIA_FAILED',
}

export const notificationKinds = Object.values(NotificationKind);

/** The federated entity a notification is about (stored as kind + id, shown as the `subject` union). */
export enum SubjectKind {
  CONVERSATION = 'CONVERSATION',
  LISTING = 'LISTING',
  BUILDING = 'BUILDING',
  MEDIA = 'MEDIA',
}

export const NOTIFICATION_PAGE_LIMITS: PageSizeLimits = { defaultSize: 20, maxSize: 100 };
/** How many ids one mark-read or mark-seen call takes: a page's worth. */
export const MARK_IDS_MAX = 100;

/**
 * A notification's id, derived from the event and the recipient: handling the same event again
 * (after a crash, on another replica) names the same notification, and so the same email job.
 * A UUID of version 8 (RFC 9562: application-defined) from SHA-256.
 */
export function notificationIdFor(eventId: string, recipientId: string): string {
  const bytes = createHash('sha256').update(`${eventId}:${recipientId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Distinct, lower-cased notification ids; BAD_USER_INPUT for a malformed one, none or too many. */
export function normalizeIds(ids: readonly string[]): string[] {
  if (ids.length === 0) throw new UserInputError('ids must name at least one notification.', 'ids');
  if (ids.length > MARK_IDS_MAX) throw new UserInputError(`ids takes at most ${MARK_IDS_MAX} notifications.`, 'ids');
  if (!ids.every(isUuid)) throw new UserInputError('ids must be notification IDs.', 'ids');
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

const NOTIFICATION_CURSOR = 'notification';
const notificationCursor = z.object({ t: z.iso.datetime(), i: z.uuid() });

/** The list runs by the last event a notification took in (a collapsed one moves up), newest first; ties by id. */
export function notificationCursorOf(notification: { updatedAt: Date; id: string }): string {
  return encodeCursor(NOTIFICATION_CURSOR, { t: notification.updatedAt.toISOString(), i: notification.id });
}

export function decodeNotificationCursor(cursor: string): { updatedAt: Date; id: string } {
  const { t, i } = decodeCursor(NOTIFICATION_CURSOR, cursor, notificationCursor);
  return { updatedAt: new Date(t), id: i };
}
