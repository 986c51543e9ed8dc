import type { MediaProcessJobData, MediaVariant } from '@lobby/contracts';
import type { ObjectStorage } from '@lobby/object-storage';
import { UnrecoverableError } from 'bullmq';
import { InvalidImageError, renderVariants, type VariantSettings } from '../images/variants.js';
import type { ReportResult } from './result-reporter.js';

const contentTypes: Record<string, string> = { WEBP: 'image/webp', AVIF: 'image/avif', JPEG: 'image/jpeg' };

export interface Attempt {
  /** 1 for the first run of the job. */
  number: number;
  /** How many the job gets in all. */
  of: number;
}

/**
 * One job: read the original, render the variants, store them, report READY. Every key is derived
 * from the media id and the variant, so a second run (a killed worker's job taken up again)
 * overwrites the same objects: one set of variants, however often the job runs.
 *
 * Invalid input is reported FAILED with its reason and ends the job for good (UnrecoverableError,
 * no retry). Anything else (storage or the media service unreachable) throws as it is and BullMQ
 * retries with backoff; on the last attempt the media is reported FAILED first, so it never stays
 * PROCESSING when a report can get through.
 */
export async function processImage(job: MediaProcessJobData, attempt: Attempt, deps: { storage: ObjectStorage; report: ReportResult; variants: VariantSettings }): Promise<MediaVariant[]> {
  try {
    const original = await deps.storage.read(job.originalKey);
    const image = await renderVariants(original, deps.variants);
    const variants = image.variants.map(({ body, extension, ...variant }) => ({ ...variant, byteSize: body.length, key: `variants/${job.mediaId}/${variant.width}.${extension}`, body }));
    await Promise.all(variants.map((variant) => deps.storage.write(variant.key, variant.body, contentTypes[variant.format]!)));
    const stored = variants.map(({ body: _body, ...variant }) => variant);
    await deps.report({ mediaId: job.mediaId, status: 'READY', width: image.width, height: image.height, variants: stored });
    return stored;
  } catch (error) {
    if (error instanceof InvalidImageError) {
      await deps.report({ mediaId: job.mediaId, status: 'FAILED', reason: error.message.slice(0, 500) });
      throw new UnrecoverableError(error.message);
    }
    if (attempt.number >= attempt.of) {
      const reason = `The image could not be processed after ${attempt.of} attempts; upload it again later.`;
      await deps.report({ mediaId: job.mediaId, status: 'FAILED', reason }).catch(() => {});
    }
    throw error;
  }
}
