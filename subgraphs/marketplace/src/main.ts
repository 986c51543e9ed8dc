import { createLogger, exitOnStartupFailure, stopOnSignals } from '@lobby/platform';
import { createMarketplaceApp } from './app.js';
import { loadMarketplaceEnv } from './env.js';

const bootLogger = createLogger('marketplace');

async function main() {
  const env = loadMarketplaceEnv();
  const logger = createLogger('marketplace', env.LOG_LEVEL);
  const app = await createMarketplaceApp(env, logger);
  const port = await app.listen(env.PORT, env.HOST);
  logger.info({ port }, 'marketplace subgraph listening');
  stopOnSignals(logger, app.close);
}

main().catch(exitOnStartupFailure(bootLogger));
