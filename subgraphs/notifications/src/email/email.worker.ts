import { notificationEmailJob } from '@lobby/contracts';
import type { Logger, Orm, SubgraphCaller } from '@lobby/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { Notification } from '../notification/notification.entity.js';
import { preferencesOf } from '../preference/preference.service.js';
import { NotificationChannel } from '../preference/preference.rules.js';
import type { EmailAdapter } from './email.adapter.js';
import { renderEmail } from './email.render.js';
import { findAddressee } from './recipient.client.js';

export interface EmailWorkerOptions {
  /** A connection with `maxRetriesPerRequest: null`, as BullMQ workers need. */
  connection: Redis;
  keyPrefix: string;
  concurrency: number;
  orm: Orm;
  identity: SubgraphCaller;
  adapter: EmailAdapter;
  logger: Logger;
}

/** What became of one job; the worker logs it. */
export type EmailOutcome = 'sent' | 'already sent' | 'read before sending' | 'email turned off' | 'no address';

/**
 * Sends the email of one notification as it stands now: nothing if it is already read, if the
 * recipient turned emails of that kind off meanwhile, or if identity has no address for them.
 * Runs in the notifications process (see the README): it needs this database, and it waits on
 * SMTP, not on CPU.
 */
export async function sendNotificationEmail(job: Pick<Job, 'data'>, options: Omit<EmailWorkerOptions, 'connection' | 'keyPrefix' | 'concurrency' | 'logger'>): Promise<EmailOutcome> {
  const parsed = notificationEmailJob.data.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`not a ${notificationEmailJob.queue} job: ${parsed.error.message}`);
  const em = options.orm.em.fork() as EntityManager;
  const notification = await em.findOne(Notification, { id: parsed.data.notificationId });
  // Queued just before the event's transaction commits: if that commit is not visible yet, the retry finds it.
  if (!notification) throw new Error(`notification ${parsed.data.notificationId} is not committed (yet)`);
  if (notification.emailedAt) return 'already sent';
  if (notification.readAt) return 'read before sending';
  const enabled = await preferencesOf(em, [notification.recipientId], [notification.type]);
  if (!enabled(notification.recipientId, notification.type, NotificationChannel.EMAIL)) return 'email turned off';
  const addressee = await findAddressee(options.identity, notification.recipientId, notification.actorId);
  if (!addressee?.email) return 'no address';
  const content = renderEmail({ type: notification.type, text: notification.text, recipientName: addressee.displayName, actorName: addressee.actorName });
  await options.adapter.send({ to: addressee.email, ...content });
  notification.emailedAt = new Date();
  await em.flush();
  return 'sent';
}

/** The BullMQ worker for the email queue; `close()` waits for the emails in flight. */
export function startEmailWorker(options: EmailWorkerOptions): Worker {
  const worker = new Worker(
    notificationEmailJob.queue,
    async (job) => {
      const outcome = await sendNotificationEmail(job, options);
      options.logger.info({ jobId: job.id, outcome, adapter: options.adapter.name }, 'notification email job done');
      return outcome;
    },
    { connection: options.connection, prefix: notificationEmailJob.prefix(options.keyPrefix), concurrency: options.concurrency },
  );
  worker.on('failed', (job, error) => options.logger.warn({ err: error, jobId: job?.id, attempt: job?.attemptsMade }, 'notification email job failed'));
  worker.on('error', (error) => options.logger.warn({ err: error }, 'email worker error'));
  return worker;
}
