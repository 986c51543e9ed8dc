// A BullMQ sandboxed processor: the worker forks children that load this file and run one job at
// a time each, so a crash or runaway memory in libvips takes down a child, never the worker.
import { mediaProcessJobData, type MediaVariant } from '@lobby/contracts';
import { createObjectStorage } from '@lobby/object-storage';
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { hardenSharp } from '../images/sharp-hardening.js';
import { loadProcessorSettings } from './env.js';
import { processImage } from './process-image.js';
import { createResultReporter } from './result-reporter.js';

const settings = loadProcessorSettings();
hardenSharp(settings.sharpThreads);
const storage = createObjectStorage(settings.storage);
const report = createResultReporter({ resultsUrl: settings.resultsUrl, signingSecret: settings.signingSecret, timeoutMs: settings.reportTimeoutMs });
const variants = { widths: settings.widths, formats: settings.formats, maxPixels: settings.maxPixels };

export default async function processMediaJob(job: SandboxedJob): Promise<MediaVariant[]> {
  const data = mediaProcessJobData.safeParse(job.data);
  if (!data.success) throw new UnrecoverableError(`Not a media job: ${data.error.message}`);
  return processImage(data.data, { number: job.attemptsMade + 1, of: job.opts.attempts ?? 1 }, { storage, report, variants });
}
