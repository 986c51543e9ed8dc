import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '@lobby/platform';
import { Message } from './message.entity.js';

/** Messages by id, one query per batch. Unchecked: reach messages through MessageService.find, which checks access. */
export function createMessageLoader(em: EntityManager): DataLoader<string, Message | null> {
  return new DataLoader(async (ids) => {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows = wanted.length ? await em.find(Message, { id: { $in: wanted } }) : [];
    const byId = new Map(rows.map((message) => [message.id, message]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}
