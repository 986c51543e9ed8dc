import { createLogger, exitOnStartupFailure } from '@lobby/platform';
import { runIdentityMigrations } from './database.js';
import { loadIdentityDatabaseEnv } from './env.js';

const logger = createLogger('identity-migrate');

/** `node dist/migrate.js`: run before the service starts (pnpm start, the compose file). */
runIdentityMigrations(loadIdentityDatabaseEnv().DATABASE_URL)
  .then(({ created, applied }) => logger.info({ created, applied }, applied.length ? 'migrations applied' : 'database up to date'))
  .catch(exitOnStartupFailure(logger));
