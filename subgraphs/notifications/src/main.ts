import { createLogger, exitOnStartupFailure, stopOnSignals } from '@lobby/platform';
import { createNotificationsApp } from './app.js';
import { loadNotificationsEnv } from './env.js';

const bootLogger = createLogger('notifications');

async function main() {
  const env = loadNotificationsEnv();
  const logger = createLogger('notifications', env.LOG_LEVEL);
  const app = await createNotificationsApp(env, logger);
  const port = await app.listen(env.PORT, env.HOST);
  logger.info({ port, email: app.emailAdapter }, 'notifications subgraph listening');
  stopOnSignals(logger, app.close);
}

main().catch(exitOnStartupFailure(bootLogger));
