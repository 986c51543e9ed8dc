import { subscriptionEventSchema } from '@lobby/contracts';
import { describe, expect, it } from 'vitest';
import { notificationAddedEvent, unreadCountChangedEvent } from './events.js';

const recipient = '2d0a7f7e-5b6c-4e3a-9c85-4b7a8f9e0d1c';
const notification = '3e1b8a8f-6c7d-4f4b-8d96-5c8b9a0f1e2d';

describe('subscription events', () => {
  it('reach the recipient alone, and name the query that builds the payload', () => {
    expect(notificationAddedEvent(recipient, notification)).toEqual({
      subscription: 'notificationAdded',
      filter: {},
      audience: [recipient],
      payload: { field: 'notification', arguments: { id: notification } },
    });
    expect(unreadCountChangedEvent(recipient)).toEqual({
      subscription: 'unreadNotificationCountChanged',
      filter: {},
      audience: [recipient],
      payload: { field: 'unreadNotificationCount', arguments: {} },
    });
  });

  it('match the shared contract exactly, as the routers read it', () => {
    for (const event of [notificationAddedEvent(recipient, notification), unreadCountChangedEvent(recipient)]) expect(subscriptionEventSchema.parse(event)).toEqual(event);
  });
});
