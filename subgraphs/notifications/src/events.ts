import { publishSubscriptionEvent, type Logger } from '@lobby/platform';
import type { Redis } from 'ioredis';

/** One event as the contract (packages/contracts/src/subscription-events.ts) takes it. */
export type LiveEvent = Parameters<typeof publishSubscriptionEvent>[2];

/**
 * A notification was made or took in another event (collapsed): its recipient's `notificationAdded`
 * gets `notification(id)` again, with the new count and text (clients replace it by id).
 */
export function notificationAddedEvent(recipientId: string, notificationId: string): LiveEvent {
  return { subscription: 'notificationAdded', filter: {}, audience: [recipientId], payload: { field: 'notification', arguments: { id: notificationId } } };
}

/** The recipient's unread count moved; the payload is `unreadNotificationCount`, run as them. */
export function unreadCountChangedEvent(recipientId: string): LiveEvent {
  return { subscription: 'unreadNotificationCountChanged', filter: {}, audience: [recipientId], payload: { field: 'unreadNotificationCount', arguments: {} } };
}

/**
 * Publishes after the change is committed. A failed publish is logged and swallowed: the
 * notifications stand, and clients catch up with `notifications` and `unreadNotificationCount`.
 */
export class NotificationEvents {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly logger: Logger,
  ) {}

  async publish(events: LiveEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await Promise.all(events.map((event) => publishSubscriptionEvent(this.redis, this.keyPrefix, event)));
    } catch (error) {
      this.logger.warn({ err: error, events: events.map((event) => event.subscription) }, 'subscription event not published');
    }
  }
}
