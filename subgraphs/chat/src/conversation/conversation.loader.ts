import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '@lobby/platform';
import { Message } from '../message/message.entity.js';
import type { Viewer } from '../viewer.js';
import type { Conversation } from './conversation.entity.js';
import { Participant } from './participant.entity.js';

/**
 * Conversations by id, **only those the viewer takes part in** (null for anything else, and for
 * everyone signed out): the one door every read path (root fields, `_entities`, messages) goes
 * through. One query per batch.
 */
export function createVisibleConversationLoader(em: EntityManager, viewer: Viewer): DataLoader<string, Conversation | null> {
  return new DataLoader(async (ids) => {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    if (!viewer.userId || wanted.length === 0) return ids.map(() => null);
    const mine = await em.find(Participant, { userId: viewer.userId, conversation: { $in: wanted } }, { populate: ['conversation'] });
    const byId = new Map(mine.map((participant) => [participant.conversation.id, participant.conversation]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

/** Each conversation's participants in the order they joined, one query per batch (callers check access first). */
export function createParticipantsLoader(em: EntityManager): DataLoader<string, Participant[]> {
  return new DataLoader(async (conversationIds) => {
    const rows = await em.find(Participant, { conversation: { $in: [...new Set(conversationIds)] } }, { orderBy: { joinedAt: 'asc', id: 'asc' } });
    const byConversation = new Map<string, Participant[]>();
    for (const row of rows) byConversation.set(row.conversation.id, [...(byConversation.get(row.conversation.id) ?? []), row]);
    return conversationIds.map((id) => byConversation.get(id) ?? []);
  });
}

/** Each conversation's newest message, found by its number: one query per batch on the (conversation, seq) index. */
export function createLastMessageLoader(em: EntityManager): DataLoader<Conversation, Message | null, string> {
  return new DataLoader(
    async (conversations) => {
      const wanted = conversations.filter((conversation) => conversation.lastSeq > 0);
      const rows = wanted.length ? await em.find(Message, { $or: wanted.map((conversation) => ({ conversation: conversation.id, seq: conversation.lastSeq })) }) : [];
      const byConversation = new Map(rows.map((message) => [message.conversation.id, message]));
      return conversations.map((conversation) => byConversation.get(conversation.id) ?? null);
    },
    { cacheKeyFn: (conversation) => conversation.id },
  );
}

/**
 * The viewer's unread messages per conversation: other people's messages after the viewer's read
 * receipt, deleted ones not counted. One grouped COUNT per batch.
 */
export function createUnreadCountLoader(em: EntityManager, viewer: Viewer): DataLoader<string, number> {
  return new DataLoader(async (conversationIds) => {
    if (!viewer.userId) return conversationIds.map(() => 0);
    const knex = em.getKnex();
    const query = knex('messages as m')
      .join('participants as p', (on) => on.on('p.conversation_id', 'm.conversation_id').andOnVal('p.user_id', viewer.userId!))
      .whereIn('m.conversation_id', [...new Set(conversationIds)])
      .andWhereRaw('m.seq > p.last_read_seq')
      .andWhereNot('m.sender_id', viewer.userId)
      .whereNull('m.deleted_at')
      .groupBy('m.conversation_id')
      .select('m.conversation_id', knex.raw('count(*) as unread'));
    const rows: Array<{ conversation_id: string; unread: string | number }> = await em.execute(query);
    const counts = new Map(rows.map((row) => [row.conversation_id, Number(row.unread)]));
    return conversationIds.map((id) => counts.get(id) ?? 0);
  });
}
