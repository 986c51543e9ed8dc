import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { MEDIA_QUEUE, mediaQueuePrefix, notificationEmailJob } from '@lobby/contracts';
import type { Logger } from '@lobby/platform';
import { Queue } from 'bullmq';
import express from 'express';
import { Redis } from 'ioredis';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

export interface QueueDashboard {
  handle(request: IncomingMessage, response: ServerResponse): void;
  close(): Promise<void>;
}

/**
 * bull-board over Lobby's queues (media's image jobs, notifications' e-mails), served by the router under
 * /admin/queues. It checks nobody: the router lets only admins reach it (admin-access.ts).
 */
export function createQueueDashboard(options: { redisUrl: string; redisKeyPrefix: string; logger: Logger }): QueueDashboard {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  connection.on('error', () => {});
  const queues = [
    new Queue(MEDIA_QUEUE, { connection, prefix: mediaQueuePrefix(options.redisKeyPrefix) }),
    new Queue(notificationEmailJob.queue, { connection, prefix: notificationEmailJob.prefix(options.redisKeyPrefix) }),
  ];
  for (const queue of queues) queue.on('error', (error) => options.logger.debug({ err: error }, 'queue dashboard: redis unavailable'));
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'Lobby queues' } } });
  const app = express();
  app.disable('x-powered-by');
  app.use(QUEUE_DASHBOARD_PATH, adapter.getRouter());
  return {
    handle: (request, response) => app(request, response),
    close: async () => {
      await Promise.all(queues.map((queue) => queue.close()));
      connection.disconnect();
    },
  };
}
