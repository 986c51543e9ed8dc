import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Notification } from '../notification/notification.entity.js';
import { notificationIdFor, type NotificationKind } from '../notification/notification.rules.js';
import type { NotificationPlan } from './notification.plans.js';
import { ProcessedEvent } from './processed-event.entity.js';

export interface WrittenNotification {
  id: string;
  recipientId: string;
  type: NotificationKind;
  /** False when the plan folded into an unread notification the recipient already had. */
  created: boolean;
}

/**
 * Records the event as handled, inside the caller's transaction. False when it already was: a
 * concurrent handler of the same event waits here on the primary key until the first commits,
 * then finds it and does nothing.
 */
export async function markProcessed(tx: EntityManager, event: { id: string; type: string; occurredAt: string }): Promise<boolean> {
  const result = await tx
    .createQueryBuilder(ProcessedEvent)
    .insert({ eventId: event.id, type: event.type, occurredAt: new Date(event.occurredAt), processedAt: new Date() })
    .onConflict('eventId')
    .ignore()
    .execute('run');
  return result.affectedRows === 1;
}

// Folding can lose one race per attempt (another event made the notification between our look and
// our insert); the next look finds it. Three is more than two racing events can need.
const FOLD_ATTEMPTS = 3;

/**
 * Writes one plan inside the caller's transaction: folds it into the recipient's unread
 * notification with the same collapse key (count + 1, text and actor of this event), or makes a
 * new one whose id is derived from the event. The partial unique index on (recipient, collapse key)
 * among unread notifications makes racing events meet at one row.
 */
export async function writeNotification(tx: EntityManager, eventId: string, occurredAt: Date, plan: NotificationPlan): Promise<WrittenNotification> {
  const written = { recipientId: plan.recipientId, type: plan.type };
  for (let attempt = 1; attempt <= FOLD_ATTEMPTS; attempt += 1) {
    if (plan.collapseKey) {
      const unread = await tx.findOne(
        Notification,
        { recipientId: plan.recipientId, collapseKey: plan.collapseKey, readAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (unread) {
        unread.count += 1;
        Object.assign(unread, {
          text: plan.text(unread.count),
          actorId: plan.actorId,
          // New again: whoever saw the burst has not seen this part of it.
          seenAt: null,
          updatedAt: occurredAt > unread.updatedAt ? occurredAt : unread.updatedAt,
        });
        await tx.flush();
        return { ...written, id: unread.id, created: false };
      }
    }
    const id = notificationIdFor(eventId, plan.recipientId);
    const inserted = await tx
      .createQueryBuilder(Notification)
      .insert({
        id,
        recipientId: plan.recipientId,
        type: plan.type,
        actorId: plan.actorId,
        subjectKind: plan.subject.kind,
        subjectId: plan.subject.id,
        text: plan.text(1),
        count: 1,
        collapseKey: plan.collapseKey,
        createdAt: occurredAt,
        updatedAt: occurredAt,
      })
      .onConflict()
      .ignore()
      .execute('run');
    if (inserted.affectedRows === 1) return { ...written, id, created: true };
    if (!plan.collapseKey) break;
  }
  throw new Error(`notification for event ${eventId} and recipient ${plan.recipientId} was not written`);
}
