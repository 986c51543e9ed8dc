import { createLogger, exitOnStartupFailure, stopOnSignals } from '@lobby/platform';
import { createMediaApp } from './app.js';
import { loadMediaEnv } from './env.js';

const bootLogger = createLogger('media');

async function main() {
  const env = loadMediaEnv();
  const logger = createLogger('media', env.LOG_LEVEL);
  const app = await createMediaApp(env, logger);
  const port = await app.listen(env.PORT, env.HOST);
  logger.info({ port }, 'media subgraph listening');
  stopOnSignals(logger, app.close);
}

main().catch(exitOnStartupFailure(bootLogger));
