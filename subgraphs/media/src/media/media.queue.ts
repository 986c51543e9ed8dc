import { MEDIA_PROCESS_JOB, MEDIA_QUEUE, mediaProcessJobData, mediaProcessJobId, mediaQueuePrefix } from '@lobby/contracts';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export interface MediaJobSettings {
  redisKeyPrefix: string;
  attempts: number;
  backoffMs: number;
}

/**
 * Enqueues the image job for a media, at most once: the job id is derived from the media id, so
 * BullMQ ignores a second add while the first job exists (a repeated completeUpload, a retry
 * after a lost answer). A job that failed for good without its failure being recorded is retried.
 */
export class MediaJobs {
  private readonly queue: Queue;

  constructor(
    connection: Redis,
    private readonly settings: MediaJobSettings,
  ) {
    this.queue = new Queue(MEDIA_QUEUE, { connection, prefix: mediaQueuePrefix(settings.redisKeyPrefix) });
  }

  async ensureJob(mediaId: string, originalKey: string): Promise<void> {
    const jobId = mediaProcessJobId(mediaId);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      if (await existing.isFailed()) await existing.retry('failed');
      return;
    }
    await this.queue.add(MEDIA_PROCESS_JOB, mediaProcessJobData.parse({ mediaId, originalKey }), {
      jobId,
      attempts: this.settings.attempts,
      backoff: { type: 'exponential', delay: this.settings.backoffMs },
      // Kept a while for the dashboard and for idempotence, then removed.
      removeOnComplete: { age: 86_400, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
