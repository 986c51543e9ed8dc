import { fileURLToPath } from 'node:url';
import { createLogger, createMigrationFile, ensureDatabase, exitOnStartupFailure } from '@lobby/platform';
import { openBuildingsOrm } from './database.js';
import { loadBuildingsDatabaseEnv } from './env.js';

const logger = createLogger('buildings-migration');

/** Diffs the entities against the migrated database and writes the next migration into src/migrations. */
async function createMigration() {
  const { DATABASE_URL } = loadBuildingsDatabaseEnv();
  await ensureDatabase(DATABASE_URL);
  const orm = await openBuildingsOrm(DATABASE_URL, 1);
  try {
    const file = await createMigrationFile(orm, fileURLToPath(new URL('../src/migrations', import.meta.url)));
    logger.info(file ? `wrote src/migrations/${file}: review it, then list it in src/migrations/index.ts` : 'entities and migrations agree: nothing to write');
  } finally {
    await orm.close();
  }
}

createMigration().catch(exitOnStartupFailure(logger));
