import { MikroORM, type MigrationObject, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import pg from 'pg';

export type Orm = MikroORM<PostgreSqlDriver>;

export interface OrmOptions {
  databaseUrl: string;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  poolMax?: number;
}

/**
 * The MikroORM set-up every subgraph shares. Migrations are listed in code (not globbed from
 * disk) so the same list runs from TypeScript in tests and from compiled JavaScript in production.
 */
export function createOrm(options: OrmOptions): Promise<Orm> {
  return MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    entities: options.entities,
    extensions: [Migrator],
    migrations: { migrationsList: options.migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    // Waiting for a connection is bounded: during a database outage requests fail fast instead of queueing.
    pool: { min: 0, max: options.poolMax ?? 10, acquireTimeoutMillis: 5_000 },
    // Every request and job works on its own fork; touching the global identity map is a bug.
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    // The outbox belongs to the platform's migration, not to an entity: schema diffs leave it alone.
    schemaGenerator: { skipTables: ['outbox_event'] },
    debug: false,
  });
}

export async function runMigrations(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}

/** Creates the database named in `databaseUrl` if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const { name, admin } = splitDatabaseUrl(databaseUrl);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { name, admin } = splitDatabaseUrl(databaseUrl);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function splitDatabaseUrl(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error(`Database URL names no database: ${url.host}`);
  url.pathname = '/postgres';
  return { name, admin: url.toString() };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Writes a migration with the SQL that brings the database (after the existing migrations) to
 * the entities' shape. Returns the file name, or null when there is nothing to migrate.
 */
export async function createMigrationFile(orm: Orm, directory: string): Promise<string | null> {
  await runMigrations(orm);
  const result = await orm.getMigrator().createMigration(directory);
  return result.diff.up.length ? result.fileName : null;
}
