import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '@lobby/platform';
import type { Viewer } from '../viewer.js';
import type { MessageData } from './message.data.js';
import { Message } from './message.entity.js';
import { selectVisibleMessages } from './message.sql.js';

/** Messages by id, one query per batch. Unchecked: for paths whose conversation was checked on the way in (read receipts). */
export function createMessageLoader(em: EntityManager): DataLoader<string, Message | null> {
  return new DataLoader(async (ids) => {
    const wanted = uniqueIds(ids);
    const rows = wanted.length ? await em.find(Message, { id: { $in: wanted } }) : [];
    const byId = new Map(rows.map((message) => [message.id, message]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

/**
 * Messages by id, **only those of conversations the viewer takes part in** (null for anything
 * else, and for everyone signed out): the door `message(id)` and `_entities` go through. The
 * router fetches every new message this way once per subscribed user, so it is one plain SQL
 * statement per batch, the access check included.
 */
export function createVisibleMessageLoader(em: EntityManager, viewer: Viewer): DataLoader<string, MessageData | null> {
  return new DataLoader(async (ids) => {
    const wanted = uniqueIds(ids);
    if (!viewer.userId || wanted.length === 0) return ids.map(() => null);
    const rows = await selectVisibleMessages(em, viewer.userId, wanted);
    const byId = new Map(rows.map((message) => [message.id, message]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
}
