import { fileURLToPath } from 'node:url';
import { MEDIA_QUEUE, MEDIA_RESULTS_PATH, mediaQueuePrefix } from '@lobby/contracts';
import { storageEnv } from '@lobby/object-storage';
import { Counter, createHealthServer, createLogger, createMetricsRegistry, Histogram, type HealthServer, type Logger } from '@lobby/platform';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { childEnvironment, type MediaWorkerEnv } from './env.js';
import type { z } from 'zod';
import { PROCESSOR_SETTINGS_VARIABLE, type processorSettings } from './processors/settings.js';

/** The compiled processor: BullMQ forks children that load it (from src/ in tests, dist/ in production, this path is the same). */
export const PROCESSOR_FILE = fileURLToPath(new URL('../dist/processors/image.processor.js', import.meta.url));

export interface MediaWorkerApp {
  worker: Worker;
  health: HealthServer;
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking jobs, lets the job in hand finish, then closes everything. */
  close(): Promise<void>;
}

export function processorSettingsOf(env: MediaWorkerEnv): z.input<typeof processorSettings> {
  const storage = Object.keys(storageEnv).flatMap((key) => {
    const value = env[key as keyof typeof storageEnv];
    return value === undefined ? [] : [[key, String(value)]];
  });
  return {
    storage: Object.fromEntries(storage),
    resultsUrl: new URL(MEDIA_RESULTS_PATH, env.MEDIA_SUBGRAPH_URL).toString(),
    signingSecret: env.INTERNAL_SIGNING_SECRET,
    reportTimeoutMs: env.MEDIA_REPORT_TIMEOUT_MS,
    sharpThreads: env.MEDIA_SHARP_CONCURRENCY,
    maxPixels: env.MEDIA_MAX_PIXELS,
    widths: env.MEDIA_VARIANT_WIDTHS,
    formats: env.MEDIA_VARIANT_FORMATS,
  };
}

/** Builds the worker and its health endpoint; it starts taking jobs at once. */
export function createMediaWorkerApp(env: MediaWorkerEnv, logger: Logger = createLogger('media-worker', env.LOG_LEVEL)): MediaWorkerApp {
  const metrics = createMetricsRegistry('media-worker');
  const jobs = new Counter({ name: 'lobby_media_jobs_total', help: 'Image jobs by outcome', labelNames: ['outcome'] as const, registers: [metrics] });
  const duration = new Histogram({ name: 'lobby_media_job_duration_seconds', help: 'Image job run time', buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32], registers: [metrics] });

  // BullMQ's blocking reads need a connection that never gives up on a command.
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', (error) => logger.warn({ err: error }, 'redis unavailable'));
  const worker = new Worker(MEDIA_QUEUE, PROCESSOR_FILE, {
    connection,
    prefix: mediaQueuePrefix(env.REDIS_KEY_PREFIX),
    concurrency: env.MEDIA_WORKER_CONCURRENCY,
    lockDuration: env.MEDIA_WORKER_LOCK_MS,
    stalledInterval: env.MEDIA_WORKER_STALLED_INTERVAL_MS,
    workerForkOptions: { env: childEnvironment({ [PROCESSOR_SETTINGS_VARIABLE]: JSON.stringify(processorSettingsOf(env)) }) },
  });
  worker.on('completed', (job) => {
    jobs.inc({ outcome: 'ready' });
    if (job.processedOn && job.finishedOn) duration.observe((job.finishedOn - job.processedOn) / 1000);
    logger.info({ jobId: job.id, mediaId: job.data.mediaId, attempts: job.attemptsMade }, 'image job done');
  });
  worker.on('failed', (job, error) => {
    const final = !job || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    jobs.inc({ outcome: final ? 'failed' : 'retry' });
    logger.warn({ jobId: job?.id, mediaId: job?.data.mediaId, attempts: job?.attemptsMade, final, reason: error.message }, final ? 'image job failed' : 'image job will be retried');
  });
  worker.on('error', (error) => logger.error({ err: error }, 'worker error'));

  const health = createHealthServer({ isReady: () => worker.isRunning() && connection.status === 'ready', metrics, logger });
  return {
    worker,
    health,
    listen: (port, host) => health.listen(port, host),
    close: async () => {
      await worker.close();
      await health.close();
      connection.disconnect();
    },
  };
}
