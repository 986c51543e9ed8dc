import { createLogger, exitOnStartupFailure } from '@lobby/platform';
import { runBuildingsMigrations } from './database.js';
import { loadBuildingsDatabaseEnv } from './env.js';

const logger = createLogger('buildings-migrate');

/** `node dist/migrate.js`: run before the service starts (pnpm start, the compose file). */
runBuildingsMigrations(loadBuildingsDatabaseEnv().DATABASE_URL)
  .then(({ created, applied }) => logger.info({ created, applied }, applied.length ? 'migrations applied' : 'database up to date'))
  .catch(exitOnStartupFailure(logger));
