import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, selectRecords } from '@lobby/platform';
import DataLoader from 'dataloader';

/**
 * A user as GraphQL reads it: the columns `User` exposes, not a managed entity (the `User` entity
 * has the same shape, so resolvers take either). No password hash, no roles.
 */
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
}

const USERS_BY_ID = 'select "id", "email", "display_name" as "displayName", "created_at" as "createdAt" from "users" where "id" in (?)';

/**
 * Users by id, one query per batch: `_entities` for a page of 50 users costs one SELECT. Plain
 * SQL into records rather than `em.find`: every marketplace feed resolves ~20 sellers here, only
 * to read them, and MikroORM's hydration and identity map were most of the cost
 * (docs/adr/0010-feed-hot-path.md).
 */
export function createUserLoader(em: EntityManager): DataLoader<string, UserRecord | null> {
  return new DataLoader(async (ids) => {
    const wanted = ids.filter(isUuid);
    const users = wanted.length ? await selectRecords<UserRecord>(em, USERS_BY_ID, [wanted], ['createdAt']) : [];
    const byId = new Map(users.map((user) => [user.id, user]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
