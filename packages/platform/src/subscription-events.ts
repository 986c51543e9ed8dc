import { subscriptionChannel, subscriptionEventSchema } from '@lobby/contracts';
import type { Redis } from 'ioredis';
import type { z } from 'zod';

/**
 * Publishes an event for live subscriptions, validated against the shared contract. Pub/sub keeps
 * nothing for subscribers who are not connected: clients catch up through ordinary queries
 * (e.g. `messages(after: lastSeenCursor)`), so publish after the change is committed.
 */
export async function publishSubscriptionEvent(redis: Redis, keyPrefix: string, event: z.input<typeof subscriptionEventSchema>): Promise<void> {
  await redis.publish(subscriptionChannel(keyPrefix), JSON.stringify(subscriptionEventSchema.parse(event)));
}
