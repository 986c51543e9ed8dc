import 'reflect-metadata';
import { createOrm, ensureDatabase, runMigrations, type Orm } from '@lobby/platform';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

export function openBuildingsOrm(databaseUrl: string, poolMax?: number): Promise<Orm> {
  return createOrm({ databaseUrl, entities, migrations, poolMax });
}

/** Creates the database if it is missing and applies pending migrations; returns their names. */
export async function runBuildingsMigrations(databaseUrl: string): Promise<{ created: boolean; applied: string[] }> {
  const created = await ensureDatabase(databaseUrl);
  const orm = await openBuildingsOrm(databaseUrl, 1);
  try {
    return { created, applied: await runMigrations(orm) };
  } finally {
    await orm.close();
  }
}
