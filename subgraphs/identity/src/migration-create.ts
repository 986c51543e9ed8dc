import { fileURLToPath } from 'node:url';
import { createLogger, createMigrationFile, ensureDatabase, exitOnStartupFailure } from '@lobby/platform';
import { openIdentityOrm } from './database.js';
import { loadIdentityDatabaseEnv } from './env.js';

const logger = createLogger('identity-migration');

/** Diffs the entities against the migrated database and writes the next migration into src/migrations. */
async function createMigration() {
  const { DATABASE_URL } = loadIdentityDatabaseEnv();
  await ensureDatabase(DATABASE_URL);
  const orm = await openIdentityOrm(DATABASE_URL, 1);
  try {
    const file = await createMigrationFile(orm, fileURLToPath(new URL('../src/migrations', import.meta.url)));
    logger.info(file ? `wrote src/migrations/${file}: review it, then list it in src/migrations/index.ts` : 'entities and migrations agree: nothing to write');
  } finally {
    await orm.close();
  }
}

createMigration().catch(exitOnStartupFailure(logger));
