import { createLogger, exitOnStartupFailure, stopOnSignals } from '@lobby/platform';
import { createBuildingsApp } from './app.js';
import { loadBuildingsEnv } from './env.js';

const bootLogger = createLogger('buildings');

async function main() {
  const env = loadBuildingsEnv();
  const logger = createLogger('buildings', env.LOG_LEVEL);
  const app = await createBuildingsApp(env, logger);
  const port = await app.listen(env.PORT, env.HOST);
  logger.info({ port }, 'buildings subgraph listening');
  stopOnSignals(logger, app.close);
}

main().catch(exitOnStartupFailure(bootLogger));
