import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@lobby/platform';
import DataLoader from 'dataloader';
import type { Viewer } from '../viewer.js';
import { Notification } from './notification.entity.js';

/**
 * Notifications by id, **only the viewer's own** (null for anyone else's, and for everyone signed
 * out): the one door every read path (root fields, `_entities`) goes through. One query per batch.
 */
export function createOwnNotificationLoader(em: EntityManager, viewer: Viewer): DataLoader<string, Notification | null> {
  return new DataLoader(async (ids) => {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    if (!viewer.userId || wanted.length === 0) return ids.map(() => null);
    const rows = await em.find(Notification, { id: { $in: wanted }, recipientId: viewer.userId });
    const byId = new Map(rows.map((notification) => [notification.id, notification]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}
