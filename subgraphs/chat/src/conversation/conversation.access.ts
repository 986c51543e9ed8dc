import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '@lobby/platform';
import { Participant } from './participant.entity.js';

/**
 * The conversation's participants, if `userId` is one of them. Anyone else gets NOT_FOUND, worded
 * exactly as for the thing they asked for (`what`) not existing: whether it exists is not theirs to learn.
 */
export async function participantsOf(em: EntityManager, conversationId: string, userId: string, what = 'Conversation'): Promise<Participant[]> {
  const participants = await em.find(Participant, { conversation: conversationId }, { orderBy: { joinedAt: 'asc', id: 'asc' } });
  if (!participants.some((participant) => participant.userId === userId)) throw new NotFoundError(what);
  return participants;
}

/** The user's participation, locked and fresh: read receipts only move forward, even when two devices race. */
export function lockParticipant(tx: EntityManager, conversationId: string, userId: string): Promise<Participant> {
  return tx.findOneOrFail(Participant, { conversation: conversationId, userId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}
