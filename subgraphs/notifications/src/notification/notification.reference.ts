import type { ReferenceResolvers } from '@lobby/platform';
import type { NotificationsContext } from '../context.js';

/** `_entities` goes through the same door as `notification(id)`: null for anyone but the recipient. */
export const notificationReference: ReferenceResolvers = {
  Notification: {
    __resolveReference: (reference: { id: string }, { notifications }: NotificationsContext) => notifications.find(reference.id),
  },
};
