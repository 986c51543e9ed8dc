import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallerContext } from '@lobby/platform';
import type { NotificationEvents } from './events.js';
import { createOwnNotificationLoader } from './notification/notification.loader.js';
import { NotificationService } from './notification/notification.service.js';
import { PreferenceService } from './preference/preference.service.js';
import type { Viewer } from './viewer.js';

/** What every notifications resolver sees: built fresh for each request (own EntityManager fork and loaders). */
export interface NotificationsContext {
  caller: CallerContext;
  viewer: Viewer;
  em: EntityManager;
  notifications: NotificationService;
  preferences: PreferenceService;
}

export function createNotificationsContext(caller: CallerContext, em: EntityManager, events: NotificationEvents): NotificationsContext {
  const viewer: Viewer = { userId: caller.userId };
  return {
    caller,
    viewer,
    em,
    notifications: new NotificationService(em, viewer, createOwnNotificationLoader(em, viewer), events),
    preferences: new PreferenceService(em, viewer),
  };
}
