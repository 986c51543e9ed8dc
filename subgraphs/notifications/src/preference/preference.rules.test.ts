import { describe, expect, it } from 'vitest';
import { NotificationKind, notificationKinds } from '../notification/notification.rules.js';
import { NotificationChannel, enabledByDefault, normalizePreferenceUpdate, preferenceMatrix } from './preference.rules.js';

describe('preferences', () => {
  it('default to every kind in the app, and email for offers and memberships only', () => {
    for (const kind of notificationKinds) expect(enabledByDefault(kind, NotificationChannel.IN_APP)).toBe(true);
    const emailed = notificationKinds.filter((kind) => enabledByDefault(kind, NotificationChannel.EMAIL));
    expect(emailed).toEqual(['OFFER_RECEIVED', 'OFFER_ACCEPTED', 'OFFER_DECLINED', 'LISTING_SOLD', 'MEMBERSHIP_REQUESTED', 'MEMBERSHIP_APPROVED']);
  });

  it('show the whole matrix, stored choices over the defaults', () => {
    const matrix = preferenceMatrix([
      { type: NotificationKind.MESSAGE_RECEIVED, channel: NotificationChannel.IN_APP, enabled: false },
      { type: NotificationKind.MESSAGE_RECEIVED, channel: NotificationChannel.EMAIL, enabled: true },
    ]);
    expect(matrix).toHaveLength(notificationKinds.length * 2);
    expect(matrix.slice(0, 2)).toEqual([
      { type: 'MESSAGE_RECEIVED', channel: 'IN_APP', enabled: false },
      { type: 'MESSAGE_RECEIVED', channel: 'EMAIL', enabled: true },
    ]);
    expect(matrix).toContainEqual({ type: 'OFFER_RECEIVED', channel: 'EMAIL', enabled: true });
  });

  it('refuse an update naming a kind and channel twice', () => {
    const twice = { type: NotificationKind.MEDIA_READY, channel: NotificationChannel.EMAIL, enabled: true };
    expect(() => normalizePreferenceUpdate([twice, { ...twice, enabled: false }])).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'preferences' } }));
    expect(normalizePreferenceUpdate([twice, { ...twice, channel: NotificationChannel.IN_APP }])).toHaveLength(2);
  });
});
