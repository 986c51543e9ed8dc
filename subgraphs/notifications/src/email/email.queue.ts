import { notificationEmailJob } from '@lobby/contracts';
import type { Logger } from '@lobby/platform';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export interface EmailQueueOptions {
  /** A connection without an offline queue: while Redis is away, adding fails at once instead of waiting. */
  connection: Redis;
  keyPrefix: string;
  attempts: number;
  backoffMs: number;
  logger: Logger;
}

// Completed jobs are kept this long so that adding the same notification's job again (an event
// redelivered after a crash) is ignored; redeliveries come within minutes, not days.
const KEEP_COMPLETED_SECONDS = 24 * 3600;
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

/** What the event handler needs of the queue. */
export interface EmailJobs {
  /** One job per notification id; throws when the jobs could not be queued. */
  enqueue(notificationIds: readonly string[]): Promise<void>;
}

/** Queues one email job per notification (contract: packages/contracts/src/notification-jobs.ts). */
export class EmailQueue implements EmailJobs {
  private readonly queue: Queue;

  constructor(options: EmailQueueOptions) {
    this.queue = new Queue(notificationEmailJob.queue, {
      connection: options.connection,
      prefix: notificationEmailJob.prefix(options.keyPrefix),
      skipWaitingForReady: true,
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs },
        removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
        removeOnFail: { age: KEEP_FAILED_SECONDS },
      },
    });
    // A connection error surfaces on the next add as well; without a listener BullMQ prints it to stderr.
    this.queue.on('error', (error) => options.logger.warn({ err: error }, 'email queue: redis unavailable'));
  }

  /** One job per notification id; an id whose job is still kept is not added again. */
  async enqueue(notificationIds: readonly string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    await this.queue.addBulk(
      notificationIds.map((notificationId) => ({
        name: notificationEmailJob.name,
        data: notificationEmailJob.data.parse({ notificationId }),
        opts: { jobId: notificationEmailJob.jobId(notificationId) },
      })),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
