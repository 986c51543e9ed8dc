import { z } from 'zod';

/**
 * The notifications subgraph's email delivery job, defined once: enqueued after a notification
 * commits, validated again by the worker that sends it. The job carries the notification id only:
 * the worker reads the notification as it is when the email goes out (its latest text, whether it
 * was read meanwhile) and asks identity for the address.
 */
export const notificationEmailJob = {
  /** The BullMQ queue. */
  queue: 'notification-email',
  /** The job name within it. */
  name: 'send',
  data: z.object({ notificationId: z.uuid() }),
  /**
   * One job per notification: BullMQ ignores an add whose id is still in the queue, so an event
   * delivered twice (or a handler retried after a crash) never sends a second email. BullMQ
   * refuses ':' in custom ids, hence the dash.
   */
  jobId: (notificationId: string) => `email-${notificationId}`,
  /** BullMQ's key prefix under the deployment's REDIS_KEY_PREFIX, so deployments can share one Redis. */
  prefix: (keyPrefix: string) => `${keyPrefix}bull`,
} as const;

export type NotificationEmailJobData = z.infer<typeof notificationEmailJob.data>;

