import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createDomainEvent, type MediaProcessingResult } from '@lobby/contracts';
import { recordDomainEvents } from '@lobby/platform';
import { Media } from './media.entity.js';
import { MediaStatus } from './media.status.js';

export type FinishOutcome = { found: false } | { found: true; status: MediaStatus; changed: boolean };

/**
 * THE final status transition of a media — PROCESSING → READY with its dimensions and variants,
 * or PROCESSING → FAILED with a reason — in one transaction, under the row's lock, together with
 * the `media.ready` / `media.failed` domain event in the outbox (docs/adr/0008-domain-events.md).
 * It is the only code that sets a final status (docs/adr/0009-media.md).
 *
 * Safe under at-least-once delivery: the first final status stands; a repeated or late report
 * (a job run twice, a stalled job's second run) changes nothing.
 */
export async function finishProcessing(em: EntityManager, result: MediaProcessingResult, now = new Date()): Promise<FinishOutcome> {
  return em.transactional(async (tx) => {
    const media = await tx.findOne(Media, { id: result.mediaId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!media) return { found: false };
    if (media.status !== MediaStatus.PROCESSING) return { found: true, status: media.status, changed: false };
    if (result.status === 'READY') {
      media.status = MediaStatus.READY;
      media.width = result.width;
      media.height = result.height;
      media.variants = result.variants;
    } else {
      media.status = MediaStatus.FAILED;
      media.failureReason = result.reason;
    }
    media.processedAt = now;
    await tx.flush();
    // The system's event, not the owner's action (actor null): the owner is the one to tell.
    const about = { mediaId: media.id, ownerId: media.ownerId, purpose: media.purpose };
    await recordDomainEvents(tx, [
      result.status === 'READY' ? createDomainEvent('media.ready', null, about) : createDomainEvent('media.failed', null, { ...about, reason: result.reason.slice(0, 500) }),
    ]);
    return { found: true, status: media.status, changed: true };
  });
}
