import { storageEnv } from '@lobby/object-storage';
import { commonEnv, parseEnv, port, redisEnv, url } from '@lobby/platform';
import { z } from 'zod';

const commaList = <T extends z.ZodType>(item: T) =>
  z.string().transform((value, context) => {
    const parsed = z.array(item).min(1).safeParse(value.split(',').map((part) => part.trim()).filter(Boolean));
    if (!parsed.success) {
      context.addIssue({ code: 'custom', message: `must be a comma-separated list: ${parsed.error.issues[0]?.message}` });
      return z.NEVER;
    }
    return parsed.data as z.infer<T>[];
  });

export function loadMediaWorkerEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(
    {
      ...commonEnv,
      ...storageEnv,
      /** The health and metrics endpoint (there is nothing else to serve). */
      PORT: port(4106),
      HOST: z.string().default('0.0.0.0'),
      /** REDIS_KEY_PREFIX must equal the media subgraph's: the queue's keys live under it. */
      ...redisEnv,
      /** The media subgraph; the worker reports each job's outcome to its /internal/media/results. */
      MEDIA_SUBGRAPH_URL: url('http://127.0.0.1:4006/graphql'),
      MEDIA_REPORT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
      /** Jobs processed at once, each in its own sandboxed child process. */
      MEDIA_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
      /** libvips threads per child process; 0 leaves libvips' default (one per core). */
      MEDIA_SHARP_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(0),
      /** A job whose worker stops renewing its lock this long (killed, frozen) is taken up again. */
      MEDIA_WORKER_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
      MEDIA_WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
      /** On SIGTERM: how long the job in hand may take to finish before the worker exits anyway (the job is then taken up again). */
      MEDIA_WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(25_000),
      /** Largest image accepted, in pixels (width × height), checked from the header before decoding. */
      MEDIA_MAX_PIXELS: z.coerce.number().int().min(1_000_000).default(40_000_000),
      /** Variant widths; none is ever wider than the original. */
      MEDIA_VARIANT_WIDTHS: commaList(z.coerce.number().int().min(16).max(8192)).default([320, 640, 1280]),
      MEDIA_VARIANT_FORMATS: commaList(z.enum(['webp', 'avif', 'jpeg'])).default(['webp', 'avif']),
    },
    source,
  );
}

export type MediaWorkerEnv = ReturnType<typeof loadMediaWorkerEnv>;

/** The environment the worker's sandboxed children start with: the worker's own, plus `extra`. */
export function childEnvironment(extra: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}
