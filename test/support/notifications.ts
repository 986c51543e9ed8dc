import type { Logger } from '@lobby/platform';
import { createNotificationsApp, type NotificationsApp } from '../../subgraphs/notifications/src/app.js';
import { notificationsDatabase } from '../../subgraphs/notifications/src/database.js';
import { loadNotificationsEnv } from '../../subgraphs/notifications/src/env.js';
import { startSubgraph, type RunningSubgraph } from './subgraph.js';

export type RunningNotifications = RunningSubgraph<NotificationsApp>;

/**
 * notifications on a fresh, migrated database and a Redis namespace of its own, listening on a
 * free port. Pass `REDIS_KEY_PREFIX` to share the producers' stream and the routers' channel.
 */
export function startNotifications(overrides: Record<string, string> = {}, logger?: Logger): Promise<RunningNotifications> {
  return startSubgraph({ name: 'notifications', loadEnv: loadNotificationsEnv, database: notificationsDatabase, createApp: createNotificationsApp }, overrides, logger);
}
