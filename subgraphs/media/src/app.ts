import 'reflect-metadata';
import { MEDIA_RESULTS_PATH } from '@lobby/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createObjectStorage, createUrlSigner, createUrlVerifier, LOCAL_FILE_PATH, LOCAL_UPLOAD_PATH, LocalDiskStorage } from '@lobby/object-storage';
import {
  createLogger,
  createMetricsRegistry,
  createSubgraphServer,
  type Logger,
  type Orm,
  type RouteHandler,
  signingSecretsOf,
  startOutboxRelay,
  type SubgraphServer,
} from '@lobby/platform';
import { Redis } from 'ioredis';
import { createMediaContext, type MediaContext, type MediaDependencies } from './context.js';
import { mediaDatabase } from './database.js';
import { createDownloadUrls } from './media/download-urls.js';
import type { MediaEnv } from './env.js';
import { MediaJobs } from './media/media.queue.js';
import { resultsRoute } from './media/results.route.js';
import { buildMediaSchema } from './schema.js';
import { fileRoute } from './upload/file.route.js';
import { uploadRoute } from './upload/upload.route.js';

export interface MediaApp extends SubgraphServer {
  orm: Orm;
}

/** Builds the media subgraph without listening, so tests run the real thing on port 0. */
export async function createMediaApp(env: MediaEnv, logger: Logger = createLogger('media', env.LOG_LEVEL)): Promise<MediaApp> {
  const orm = await mediaDatabase.open(env.DATABASE_URL);
  const relay = startOutboxRelay({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, logger });
  const signingSecrets = signingSecretsOf(env);
  const storage = createObjectStorage(env, createUrlSigner(env.INTERNAL_SIGNING_SECRET, env.MEDIA_PUBLIC_URL));
  const verifier = createUrlVerifier(signingSecrets);
  // No offline queue: while Redis is away, completeUpload fails at once (SERVICE_UNAVAILABLE) and can be called again.
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis unavailable'));
  const jobs = new MediaJobs(redis, { redisKeyPrefix: env.REDIS_KEY_PREFIX, attempts: env.MEDIA_JOB_ATTEMPTS, backoffMs: env.MEDIA_JOB_BACKOFF_MS });
  const dependencies: MediaDependencies = {
    storage,
    jobs,
    settings: {
      maxUploadBytes: env.MEDIA_MAX_UPLOAD_BYTES,
      uploadUrlTtlSeconds: env.MEDIA_UPLOAD_URL_TTL_SECONDS,
    },
    downloadUrls: createDownloadUrls(storage, env.MEDIA_DOWNLOAD_URL_TTL_SECONDS),
  };
  const em = () => orm.em.fork() as EntityManager;
  const routes: Record<string, RouteHandler> = { [MEDIA_RESULTS_PATH]: resultsRoute({ em, signingSecrets, logger }) };
  // Local disk: this service is the store clients talk to. With S3 the URLs point at the store.
  if (storage instanceof LocalDiskStorage) {
    routes[LOCAL_UPLOAD_PATH] = uploadRoute({ storage, verifier, em, logger });
    routes[LOCAL_FILE_PATH] = fileRoute({ storage, verifier });
  }
  const server = await createSubgraphServer<MediaContext>({
    name: 'media',
    schema: await buildMediaSchema(),
    logger,
    metrics: createMetricsRegistry('media'),
    signingSecrets,
    createContext: (caller) => createMediaContext(caller, em(), dependencies),
    isReady: () => orm.isConnected(),
    routes,
  });

  return {
    ...server,
    orm,
    close: async () => {
      await server.close();
      await jobs.close();
      await relay.close();
      redis.disconnect();
      storage.close();
      await orm.close();
    },
  };
}
