import { UserInputError } from '@lobby/platform';
import { NotificationKind, notificationKinds } from '../notification/notification.rules.js';

export enum NotificationChannel {
  /** The notification list, the unread count and the live subscriptions. */
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
}

export const notificationChannels = Object.values(NotificationChannel);

/**
 * What a user gets before they change anything: every kind in the app; by email, what needs an
 * answer or settles something (offers, memberships), not what is chatty or informational
 * (messages, favourites, uploads).
 */
const EMAILED_BY_DEFAULT = new Set<NotificationKind>([
  NotificationKind.OFFER_RECEIVED,
  NotificationKind.OFFER_ACCEPTED,
  NotificationKind.OFFER_DECLINED,
  NotificationKind.LISTING_SOLD,
  NotificationKind.MEMBERSHIP_REQUESTED,
  NotificationKind.MEMBERSHIP_APPROVED,
]);

export function enabledByDefault(kind: NotificationKind, channel: NotificationChannel): boolean {
  return channel === NotificationChannel.IN_APP || EMAILED_BY_DEFAULT.has(kind);
}

export interface PreferenceSetting {
  type: NotificationKind;
  channel: NotificationChannel;
  enabled: boolean;
}

/** Every kind × channel, each with the user's choice or the default: the whole matrix, in a stable order. */
export function preferenceMatrix(stored: readonly PreferenceSetting[]): PreferenceSetting[] {
  const chosen = new Map(stored.map((setting) => [`${setting.type}:${setting.channel}`, setting.enabled]));
  return notificationKinds.flatMap((type) =>
    notificationChannels.map((channel) => ({ type, channel, enabled: chosen.get(`${type}:${channel}`) ?? enabledByDefault(type, channel) })),
  );
}

/** An update names each kind and channel at most once (BAD_USER_INPUT otherwise); an empty one changes nothing. */
export function normalizePreferenceUpdate(settings: readonly PreferenceSetting[]): PreferenceSetting[] {
  const seen = new Set<string>();
  for (const setting of settings) {
    const key = `${setting.type}:${setting.channel}`;
    if (seen.has(key)) throw new UserInputError(`preferences names ${setting.type} on ${setting.channel} twice.`, 'preferences');
    seen.add(key);
  }
  return [...settings];
}
