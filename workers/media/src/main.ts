import { createLogger, exitOnStartupFailure, stopOnSignals } from '@lobby/platform';
import { createMediaWorkerApp } from './app.js';
import { loadMediaWorkerEnv } from './env.js';

const bootLogger = createLogger('media-worker');

async function main() {
  const env = loadMediaWorkerEnv();
  const logger = createLogger('media-worker', env.LOG_LEVEL);
  const app = createMediaWorkerApp(env, logger);
  const port = await app.listen(env.PORT, env.HOST);
  logger.info({ port, concurrency: env.MEDIA_WORKER_CONCURRENCY }, 'media worker processing');
  // A job longer than the timeout is left to its lock: another worker takes it up once it expires.
  stopOnSignals(logger, app.close, env.MEDIA_WORKER_SHUTDOWN_TIMEOUT_MS);
}

main().catch(exitOnStartupFailure(bootLogger));
