import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { createLogger, createMigrationFile, createOrm, ensureDatabase, exitOnStartupFailure } from '@lobby/platform';
import { entities } from './entities.js';
import { loadIdentityDatabaseEnv } from './env.js';
import { migrations } from './migrations/index.js';

const logger = createLogger('identity-migration');

/** Diffs the entities against the migrated database and writes the next migration into src/migrations. */
async function createMigration() {
  const env = loadIdentityDatabaseEnv();
  await ensureDatabase(env.DATABASE_URL);
  const orm = await createOrm({ databaseUrl: env.DATABASE_URL, entities, migrations, poolMax: 1 });
  try {
    const file = await createMigrationFile(orm, fileURLToPath(new URL('../src/migrations', import.meta.url)));
    logger.info(file ? `wrote src/migrations/${file}: review it, then list it in src/migrations/index.ts` : 'entities and migrations agree: nothing to write');
  } finally {
    await orm.close();
  }
}

createMigration().catch(exitOnStartupFailure(logger));
