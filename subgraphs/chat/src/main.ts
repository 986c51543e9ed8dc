import { createLogger, exitOnStartupFailure, stopOnSignals } from '@lobby/platform';
import { createChatApp } from './app.js';
import { loadChatEnv } from './env.js';

const bootLogger = createLogger('chat');

async function main() {
  const env = loadChatEnv();
  const logger = createLogger('chat', env.LOG_LEVEL);
  const app = await createChatApp(env, logger);
  const port = await app.listen(env.PORT, env.HOST);
  logger.info({ port }, 'chat subgraph listening');
  stopOnSignals(logger, app.close);
}

main().catch(exitOnStartupFailure(bootLogger));
