import { silentSubscriptionStream } from '@lobby/platform';
import type { SubscribeResolverData } from 'type-graphql';
import type { NotificationsContext } from '../context.js';
import { requireUser } from '../viewer.js';

/**
 * The `subscribe` of both notification fields: the router runs it to ask whether the caller may
 * subscribe. Any signed-in user may: every event names its recipient as the audience and its
 * payload is run as the subscriber, so nobody receives anyone else's. Events never come from
 * here (the router delivers them from Redis), so the stream is silent.
 */
export function subscribeToOwnNotifications({ context }: SubscribeResolverData<unknown, Record<string, never>, NotificationsContext>) {
  requireUser(context.viewer);
  return silentSubscriptionStream();
}
