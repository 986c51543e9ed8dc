import type { MigrationObject, Options } from '@mikro-orm/core';
import { createMigrationFile, createOrm, ensureDatabase, runMigrations, type Orm } from './database.js';
import { createLogger } from './logger.js';
import { exitOnStartupFailure } from './shutdown.js';

export interface SubgraphDatabase {
  open(databaseUrl: string, poolMax?: number): Promise<Orm>;
  /** Creates the database if it is missing and applies pending migrations; returns their names. */
  migrate(databaseUrl: string): Promise<{ created: boolean; applied: string[] }>;
  /** `node dist/migrate.js`: run before the service starts (pnpm start, the compose file). */
  migrateCommand(databaseUrl: string): void;
  /** `node dist/migration-create.js`: diffs the entities against the migrated database and writes the next migration. */
  migrationCreateCommand(databaseUrl: string, migrationsDirectory: string): void;
}

/** A subgraph's database, defined once by its entities and migrations; everything else is shared. */
export function defineSubgraphDatabase(subgraph: string, schema: { entities: NonNullable<Options['entities']>; migrations: MigrationObject[] }): SubgraphDatabase {
  const open = (databaseUrl: string, poolMax?: number) => createOrm({ databaseUrl, ...schema, poolMax });
  const migrate = async (databaseUrl: string) => {
    const created = await ensureDatabase(databaseUrl);
    const orm = await open(databaseUrl, 1);
    try {
      return { created, applied: await runMigrations(orm) };
    } finally {
      await orm.close();
    }
  };
  return {
    open,
    migrate,
    migrateCommand(databaseUrl) {
      const logger = createLogger(`${subgraph}-migrate`);
      migrate(databaseUrl)
        .then(({ created, applied }) => logger.info({ created, applied }, applied.length ? 'migrations applied' : 'database up to date'))
        .catch(exitOnStartupFailure(logger));
    },
    migrationCreateCommand(databaseUrl, migrationsDirectory) {
      const logger = createLogger(`${subgraph}-migration`);
      (async () => {
        await ensureDatabase(databaseUrl);
        const orm = await open(databaseUrl, 1);
        try {
          const file = await createMigrationFile(orm, migrationsDirectory);
          logger.info(file ? `wrote ${file}: review it, then list it in src/migrations/index.ts` : 'entities and migrations agree: nothing to write');
        } finally {
          await orm.close();
        }
      })().catch(exitOnStartupFailure(logger));
    },
  };
}
