import { createLogger, exitOnStartupFailure, stopOnSignals } from '@lobby/platform';
import { createRouter } from './app.js';
import { loadRouterEnv } from './env.js';

const bootLogger = createLogger('router');

async function main() {
  const env = loadRouterEnv();
  const logger = createLogger('router', env.LOG_LEVEL);
  const router = await createRouter(env, logger);
  const port = await router.listen(env.PORT, env.HOST);
  logger.info({ port, url: `http://localhost:${port}/graphql` }, 'router listening');
  stopOnSignals(logger, router.close);
}

main().catch(exitOnStartupFailure(bootLogger));
