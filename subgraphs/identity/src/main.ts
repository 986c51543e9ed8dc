import { createLogger, exitOnStartupFailure, stopOnSignals } from '@lobby/platform';
import { createIdentityApp } from './app.js';
import { loadIdentityEnv } from './env.js';

const bootLogger = createLogger('identity');

async function main() {
  const env = loadIdentityEnv();
  const logger = createLogger('identity', env.LOG_LEVEL);
  const app = await createIdentityApp(env, logger);
  const port = await app.listen(env.PORT, env.HOST);
  logger.info({ port }, 'identity subgraph listening');
  stopOnSignals(logger, app.close);
}

main().catch(exitOnStartupFailure(bootLogger));
