import type { EntityManager } from '@mikro-orm/core';
import { isUuid } from '@lobby/platform';
import DataLoader from 'dataloader';
import { User } from './user.entity.js';

/** Users by id, one query per batch: `_entities` for a page of 50 users costs one SELECT. */
export function createUserLoader(em: EntityManager): DataLoader<string, User | null> {
  return new DataLoader(async (ids) => {
    const wanted = ids.filter(isUuid);
    const users = wanted.length ? await em.find(User, { id: { $in: wanted } }) : [];
    const byId = new Map(users.map((user) => [user.id, user]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
