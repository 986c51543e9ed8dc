import { z } from 'zod';

/**
 * Where media bytes are stored: read by the media subgraph and the media worker alike (they must
 * agree). Spread into each one's env.ts.
 */
export const storageEnv = {
  /** `local` (a directory both share; the media service serves the URLs) or `s3` (any S3-compatible store). */
  MEDIA_STORAGE: z.enum(['local', 's3']).default('local'),
  MEDIA_LOCAL_STORAGE_DIR: z.string().min(1).default('.data/media'),
  /** Empty (or unset) for AWS; the URL of any other S3-compatible store. */
  MEDIA_S3_ENDPOINT: z.url().or(z.literal('')).optional(),
  MEDIA_S3_REGION: z.string().min(1).default('us-east-1'),
  MEDIA_S3_BUCKET: z.string().min(1).default('lobby-media'),
  MEDIA_S3_ACCESS_KEY_ID: z.string().default(''),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().default(''),
  MEDIA_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
};

export type StorageEnv = z.infer<z.ZodObject<typeof storageEnv>>;
