import { storageEnv } from '@lobby/object-storage';
import { commonEnv, outboxEnv, parseEnv, port, redisEnv, url } from '@lobby/platform';
import { z } from 'zod';

const databaseEnv = {
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/lobby_media'),
};

/** What the migration commands need: the database, and none of the service's secrets. */
export function loadMediaDatabaseEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(databaseEnv, source);
}

export function loadMediaEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(
    {
      ...commonEnv,
      ...databaseEnv,
      ...storageEnv,
      PORT: port(4006),
      HOST: z.string().default('0.0.0.0'),
      /** The BullMQ queue the image jobs go to, and the domain-event stream its outbox relay feeds. */
      ...redisEnv,
      ...outboxEnv,
      /** Where clients reach this service for local-disk upload and download URLs (its public address). */
      MEDIA_PUBLIC_URL: url('http://localhost:4006'),
      /** Largest upload accepted, in bytes (checked at createUpload, during the upload and at completion). */
      MEDIA_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(15 * 1024 * 1024),
      /** How long an upload URL stays valid. */
      MEDIA_UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
      /** How long a variant's download URL stays valid after it is handed out. */
      MEDIA_DOWNLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(7 * 86_400).default(3600),
      /** Attempts a job gets when processing fails for a passing reason (storage down), with exponential backoff from MEDIA_JOB_BACKOFF_MS. */
      MEDIA_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
      MEDIA_JOB_BACKOFF_MS: z.coerce.number().int().min(10).default(2_000),
    },
    source,
  );
}

export type MediaEnv = ReturnType<typeof loadMediaEnv>;
