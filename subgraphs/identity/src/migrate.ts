import 'reflect-metadata';
import { createLogger, createOrm, ensureDatabase, exitOnStartupFailure, runMigrations } from '@lobby/platform';
import { entities } from './entities.js';
import { loadIdentityDatabaseEnv } from './env.js';
import { migrations } from './migrations/index.js';

const logger = createLogger('identity-migrate');

/** Creates the identity database if it is missing and applies pending migrations. */
async function migrate() {
  const env = loadIdentityDatabaseEnv();
  if (await ensureDatabase(env.DATABASE_URL)) logger.info('created database');
  const orm = await createOrm({ databaseUrl: env.DATABASE_URL, entities, migrations, poolMax: 1 });
  try {
    const applied = await runMigrations(orm);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'database up to date');
  } finally {
    await orm.close();
  }
}

migrate().catch(exitOnStartupFailure(logger));
