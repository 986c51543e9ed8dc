// Preferences per kind and channel: the whole matrix with defaults, updates that touch only what
// they name, and each user's own.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../../test/support/graphql.js';
import { startNotifications, type RunningNotifications } from '../../../test/support/notifications.js';
import { PREFERENCES, UPDATE_PREFERENCES, notificationsApi, type NotificationsApi } from './notifications-api.js';

let notifications: RunningNotifications;
let api: NotificationsApi;

beforeAll(async () => {
  notifications = await startNotifications();
  api = notificationsApi(notifications.graphqlUrl);
});

afterAll(async () => {
  await notifications?.close();
});

type Preference = { type: string; channel: string; enabled: boolean };
const preferences = async (userId: string) => (await api.data<{ notificationPreferences: Preference[] }>(userId, PREFERENCES)).notificationPreferences;
const enabled = (all: Preference[], type: string, channel: string) => all.find((p) => p.type === type && p.channel === channel)?.enabled;

describe('notification preferences', () => {
  it('start at the defaults: everything in the app, email for offers and memberships', async () => {
    const all = await preferences(randomUUID());
    expect(all).toHaveLength(20);
    expect(all.filter((p) => p.channel === 'IN_APP').every((p) => p.enabled)).toBe(true);
    expect([enabled(all, 'OFFER_RECEIVED', 'EMAIL'), enabled(all, 'MESSAGE_RECEIVED', 'EMAIL')]).toEqual([true, false]);
  });

  it('change only what an update names, for the caller only, and can be changed back', async () => {
    const [ana, ben] = [randomUUID(), randomUUID()];
    const update = (p: Preference[]) => api.data<{ updateNotificationPreferences: Preference[] }>(ana, UPDATE_PREFERENCES, { p });
    const after = (
      await update([
        { type: 'MESSAGE_RECEIVED', channel: 'EMAIL', enabled: true },
        { type: 'OFFER_RECEIVED', channel: 'IN_APP', enabled: false },
      ])
    ).updateNotificationPreferences;
    expect([enabled(after, 'MESSAGE_RECEIVED', 'EMAIL'), enabled(after, 'OFFER_RECEIVED', 'IN_APP'), enabled(after, 'OFFER_RECEIVED', 'EMAIL')]).toEqual([true, false, true]);
    expect(await preferences(ana)).toEqual(after);
    expect(enabled(await preferences(ben), 'OFFER_RECEIVED', 'IN_APP')).toBe(true);
    await update([{ type: 'OFFER_RECEIVED', channel: 'IN_APP', enabled: true }]);
    expect(enabled(await preferences(ana), 'OFFER_RECEIVED', 'IN_APP')).toBe(true);
  });

  it('refuse an update naming a type and channel twice, or an unknown type, and need a signed-in caller', async () => {
    const ana = randomUUID();
    const twice = { type: 'MEDIA_READY', channel: 'EMAIL', enabled: true };
    expect(errorCodes(await api.call(ana, UPDATE_PREFERENCES, { p: [twice, { ...twice, enabled: false }] }))).toEqual(['BAD_USER_INPUT']);
    expect(enabled(await preferences(ana), 'MEDIA_READY', 'EMAIL')).toBe(false);
    expect((await api.call(ana, UPDATE_PREFERENCES, { p: [{ ...twice, type: 'NOPE' }] })).body.errors).toHaveLength(1);
    expect(errorCodes(await api.call(null, PREFERENCES))).toEqual(['UNAUTHENTICATED']);
  });
});
