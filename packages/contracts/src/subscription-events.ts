import { z } from 'zod';

/**
 * What a subgraph publishes when something a subscription watches has happened. The router
 * turns it into a payload for each subscriber by running `payload.field(payload.arguments)` as a
 * query through the gateway *as that subscriber*, with the subscriber's own selection set: so
 * every event is authorized per subscriber by the owning subgraph, and the payload may select
 * fields from any subgraph. See docs/adr/0006-subscriptions.md.
 */
export const subscriptionEventSchema = z.object({
  /** The Subscription field this event is for, e.g. `messageAdded`. */
  subscription: z.string().min(1),
  /** Must equal the subscriber's arguments, e.g. `{ conversationId }`; empty matches every subscriber of the field. */
  filter: z.record(z.string(), z.string()).default({}),
  /** User ids that may receive it (a cheap pre-filter before the per-subscriber query); null: anyone. */
  audience: z.array(z.string()).nullable().default(null),
  /** The Query field, returning the subscription field's type, that produces the payload. */
  payload: z.object({ field: z.string().min(1), arguments: z.record(z.string(), z.unknown()).default({}) }),
});

export type SubscriptionEvent = z.infer<typeof subscriptionEventSchema>;

/** The one Redis pub/sub channel every router replica listens on. */
export function subscriptionChannel(keyPrefix: string): string {
  return `${keyPrefix}subscriptions`;
}
