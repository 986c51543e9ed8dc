import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@lobby/platform';
import DataLoader from 'dataloader';
import { Avatar } from './avatar.entity.js';

/** Each user's chosen avatar media id, one SELECT per batch (a page of sellers with avatars). */
export function createAvatarIdLoader(em: EntityManager): DataLoader<string, string | null> {
  return new DataLoader(async (userIds) => {
    const wanted = [...new Set(userIds.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows = wanted.length ? await em.find(Avatar, { userId: { $in: wanted } }) : [];
    const byUser = new Map(rows.map((row) => [row.userId, row.mediaId]));
    return userIds.map((id) => byUser.get(id.toLowerCase()) ?? null);
  });
}
