import { storageEnv } from '@lobby/object-storage';
import { z } from 'zod';

/**
 * What a sandboxed processor needs, handed from the worker to each child process it forks (as
 * JSON in one variable), so the child runs with exactly the worker's configuration.
 */
export const processorSettings = z.object({
  /** The storage variables as the worker read them (strings), parsed here exactly as env.ts parses them. */
  storage: z.record(z.string(), z.string()).pipe(z.object(storageEnv)),
  resultsUrl: z.url(),
  signingSecret: z.string().min(32),
  reportTimeoutMs: z.number().int().positive(),
  sharpThreads: z.number().int().min(0),
  maxPixels: z.number().int().positive(),
  widths: z.array(z.number().int().positive()).min(1),
  formats: z.array(z.enum(['webp', 'avif', 'jpeg'])).min(1),
});

export type ProcessorSettings = z.infer<typeof processorSettings>;

/** The variable the worker sets on its children. */
export const PROCESSOR_SETTINGS_VARIABLE = 'LOBBY_MEDIA_PROCESSOR_SETTINGS';
