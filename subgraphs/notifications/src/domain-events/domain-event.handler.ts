import type { AnyDomainEvent } from '@lobby/contracts';
import type { Logger, Orm } from '@lobby/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EmailJobs } from '../email/email.queue.js';
import { notificationAddedEvent, unreadCountChangedEvent, type NotificationEvents } from '../events.js';
import { preferencesOf } from '../preference/preference.service.js';
import { NotificationChannel } from '../preference/preference.rules.js';
import { plansFor } from './notification.plans.js';
import { markProcessed, writeNotification, type WrittenNotification } from './notification.writer.js';

export interface HandledEvent {
  /** The event had been handled before: nothing was written, queued or published. */
  duplicate: boolean;
  notifications: WrittenNotification[];
}

/**
 * Turns one domain event into notifications, exactly once however often it is delivered: the
 * event's id is recorded in the same transaction as the notifications it makes. Email jobs are
 * queued before that transaction commits — if queueing fails, nothing commits and the event comes
 * again; if the commit fails after queueing, the redelivery makes the same notification ids and so
 * the same job ids, which BullMQ adds only once. Live events go out after the commit.
 */
export class DomainEventHandler {
  constructor(
    private readonly orm: Orm,
    private readonly emails: EmailJobs,
    private readonly live: NotificationEvents,
    private readonly logger: Logger,
  ) {}

  async handle(event: AnyDomainEvent): Promise<HandledEvent> {
    const plans = plansFor(event);
    const em = this.orm.em.fork() as EntityManager;
    const occurredAt = new Date(event.occurredAt);
    const written = await em.transactional(async (tx) => {
      if (!(await markProcessed(tx, event))) return null;
      const enabled = await preferencesOf(tx, plans.map((plan) => plan.recipientId), plans.map((plan) => plan.type));
      const notifications: WrittenNotification[] = [];
      // In recipient order, so two events for the same people lock their rows in the same order.
      const wanted = plans.filter((plan) => enabled(plan.recipientId, plan.type, NotificationChannel.IN_APP)).sort((a, b) => a.recipientId.localeCompare(b.recipientId));
      for (const plan of wanted) notifications.push(await writeNotification(tx, event.id, occurredAt, plan));
      const emailed = notifications.filter((notification) => notification.created && enabled(notification.recipientId, notification.type, NotificationChannel.EMAIL));
      await this.emails.enqueue(emailed.map((notification) => notification.id));
      return notifications;
    });
    if (!written) {
      this.logger.info({ eventId: event.id, type: event.type }, 'domain event already handled');
      return { duplicate: true, notifications: [] };
    }
    const newFor = new Set(written.filter((notification) => notification.created).map((notification) => notification.recipientId));
    await this.live.publish([
      ...written.map((notification) => notificationAddedEvent(notification.recipientId, notification.id)),
      ...[...newFor].map(unreadCountChangedEvent),
    ]);
    this.logger.debug({ eventId: event.id, type: event.type, notifications: written.length }, 'domain event handled');
    return { duplicate: false, notifications: written };
  }
}
