import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationKind } from '../notification/notification.rules.js';
import { requireUser, type Viewer } from '../viewer.js';
import { Preference } from './preference.entity.js';
import { enabledByDefault, normalizePreferenceUpdate, preferenceMatrix, type NotificationChannel, type PreferenceSetting } from './preference.rules.js';

/** The viewer's own preferences: every kind × channel, stored choices over the defaults. */
export class PreferenceService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  async mine(): Promise<PreferenceSetting[]> {
    const userId = requireUser(this.viewer);
    return preferenceMatrix(await this.em.find(Preference, { userId }));
  }

  /** Sets the named kinds and channels (one upsert each, in one transaction); the others keep their values. */
  async update(settings: readonly PreferenceSetting[]): Promise<PreferenceSetting[]> {
    const userId = requireUser(this.viewer);
    const changes = normalizePreferenceUpdate(settings);
    if (changes.length > 0) {
      await this.em.transactional(async (tx) => {
        const now = new Date();
        await tx.upsertMany(
          Preference,
          changes.map((change) => ({ userId, type: change.type, channel: change.channel, enabled: change.enabled, updatedAt: now })),
        );
      });
    }
    return this.mine();
  }
}

/** Whether each (user, kind, channel) asked for is on, for many users at once: one query. */
export async function preferencesOf(em: EntityManager, userIds: readonly string[], kinds: readonly NotificationKind[]) {
  const stored = userIds.length ? await em.find(Preference, { userId: { $in: [...new Set(userIds)] }, type: { $in: [...new Set(kinds)] } }) : [];
  const chosen = new Map(stored.map((row) => [`${row.userId}:${row.type}:${row.channel}`, row.enabled]));
  return (userId: string, type: NotificationKind, channel: NotificationChannel) => chosen.get(`${userId}:${type}:${channel}`) ?? enabledByDefault(type, channel);
}
