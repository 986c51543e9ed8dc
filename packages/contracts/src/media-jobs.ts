import { z } from 'zod';

/**
 * The media pipeline's contract, defined once: the media subgraph enqueues `media.process` jobs
 * and the media worker consumes them (both validate the data), and the worker reports each job's
 * outcome back to the media subgraph, which owns the media rows (docs/adr/0009-media.md).
 */
const id = z.uuid();

/** The one BullMQ queue of image jobs; its keys live under `mediaQueuePrefix(REDIS_KEY_PREFIX)`. */
export const MEDIA_QUEUE = 'media';

/** BullMQ's key prefix for a deployment's queues, so deployments (and test runs) sharing a Redis never share a queue. */
export function mediaQueuePrefix(redisKeyPrefix: string): string {
  return `${redisKeyPrefix}bull`;
}

export const MEDIA_PROCESS_JOB = 'media.process';

export const mediaProcessJobData = z.object({
  mediaId: id,
  /** The uploaded original's storage key. */
  originalKey: z.string().min(1).max(200),
});

export type MediaProcessJobData = z.infer<typeof mediaProcessJobData>;

/**
 * One job per media, whatever the number of completions: BullMQ ignores an add whose id exists,
 * so a repeated `completeUpload` never makes a second job. (BullMQ ids may not contain ':'.)
 */
export function mediaProcessJobId(mediaId: string): string {
  return `process-${mediaId}`;
}

export const imageFormats = ['WEBP', 'AVIF', 'JPEG'] as const;
export type ImageFormat = (typeof imageFormats)[number];

export const mediaVariant = z.object({
  format: z.enum(imageFormats),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  byteSize: z.number().int().positive(),
  /** Storage key; URLs are made per reader, signed and expiring. */
  key: z.string().min(1).max(200),
});

export type MediaVariant = z.infer<typeof mediaVariant>;

/** What the worker reports when a job ends for good: the final status of the media. */
export const mediaProcessingResult = z.discriminatedUnion('status', [
  z.object({
    mediaId: id,
    status: z.literal('READY'),
    /** Of the image as displayed (after EXIF orientation). */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    variants: z.array(mediaVariant).min(1).max(20),
  }),
  z.object({
    mediaId: id,
    status: z.literal('FAILED'),
    /** Human-readable; shown to the owner. */
    reason: z.string().min(1).max(500),
  }),
]);

export type MediaProcessingResult = z.infer<typeof mediaProcessingResult>;

/** The media service's route the worker posts results to (signed with `signServiceRequest` as MEDIA_WORKER_SERVICE). */
export const MEDIA_RESULTS_PATH = '/internal/media/results';
export const MEDIA_WORKER_SERVICE = 'media-worker';
