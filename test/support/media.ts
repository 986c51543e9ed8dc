import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InternalHeader, MEDIA_RESULTS_PATH, MEDIA_WORKER_SERVICE } from '@lobby/contracts';
import { createLogger, signServiceRequest, type Logger } from '@lobby/platform';
import { createMediaApp, type MediaApp } from '../../subgraphs/media/src/app.js';
import { mediaDatabase } from '../../subgraphs/media/src/database.js';
import { loadMediaEnv } from '../../subgraphs/media/src/env.js';
import { createMediaWorkerApp, type MediaWorkerApp } from '../../workers/media/src/app.js';
import { loadMediaWorkerEnv } from '../../workers/media/src/env.js';
import { freePort } from './free-port.js';
import { mediaClient } from './media-flows.js';
import { testSecrets } from './secrets.js';
import { signedPost } from './signed-request.js';
import { startSubgraph, type RunningSubgraph } from './subgraph.js';

export interface RunningMedia extends RunningSubgraph<MediaApp> {
  /** The local-disk storage directory (removed on close), shared with the worker. */
  storageDir: string;
}

/**
 * media on a fresh database, Redis namespace and storage directory of its own, on a free port
 * that is also its public URL (where clients PUT uploads and GET variants).
 */
export async function startMedia(overrides: Record<string, string> = {}, logger?: Logger): Promise<RunningMedia> {
  const storageDir = await mkdtemp(join(tmpdir(), 'lobby-media-'));
  const port = await freePort();
  const running = await startSubgraph(
    { name: 'media', loadEnv: loadMediaEnv, database: mediaDatabase, createApp: createMediaApp },
    { MEDIA_LOCAL_STORAGE_DIR: storageDir, MEDIA_PUBLIC_URL: `http://127.0.0.1:${port}`, ...overrides },
    logger,
    port,
  );
  return {
    ...running,
    storageDir,
    close: async () => {
      await running.close();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** The environment a media worker needs to serve `media` (same queue namespace, storage and secret). */
export function mediaWorkerEnv(media: Pick<RunningMedia, 'graphqlUrl' | 'redisKeyPrefix' | 'storageDir'>, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...testSecrets,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_KEY_PREFIX: media.redisKeyPrefix,
    MEDIA_SUBGRAPH_URL: media.graphqlUrl,
    MEDIA_LOCAL_STORAGE_DIR: media.storageDir,
    ...overrides,
  };
}

/** The real worker in this process (its sandboxed processor runs from workers/media/dist: build first). */
export async function startMediaWorker(media: Pick<RunningMedia, 'graphqlUrl' | 'redisKeyPrefix' | 'storageDir'>, overrides: Record<string, string> = {}): Promise<MediaWorkerApp & { healthUrl: string }> {
  const env = loadMediaWorkerEnv(mediaWorkerEnv(media, overrides));
  const app = createMediaWorkerApp(env, createLogger('media-worker', env.LOG_LEVEL));
  const port = await app.listen(0, '127.0.0.1');
  return { ...app, healthUrl: `http://127.0.0.1:${port}/health/ready` };
}

/** Talks to the media subgraph directly, signed as the router would, on behalf of `userId`. */
export function signedMediaClient(media: Pick<RunningMedia, 'graphqlUrl'>, userId: string | null) {
  return mediaClient((query, variables) => signedPost(media.graphqlUrl, query, variables, { userId }));
}

/** Posts a job result to media's results route as the media worker does (service-signed). */
export function reportMediaResult(media: Pick<RunningMedia, 'url'>, result: Record<string, unknown>, header?: string): Promise<Response> {
  const body = JSON.stringify(result);
  return fetch(`${media.url}${MEDIA_RESULTS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [InternalHeader.SERVICE]: header ?? signServiceRequest(MEDIA_WORKER_SERVICE, body, testSecrets.INTERNAL_SIGNING_SECRET) },
    body,
  });
}
