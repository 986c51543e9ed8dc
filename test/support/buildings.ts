import type { Logger } from '@lobby/platform';
import { createBuildingsApp, type BuildingsApp } from '../../subgraphs/buildings/src/app.js';
import { buildingsDatabase } from '../../subgraphs/buildings/src/database.js';
import { loadBuildingsEnv } from '../../subgraphs/buildings/src/env.js';
import { startSubgraph, type RunningSubgraph } from './subgraph.js';

export type RunningBuildings = RunningSubgraph<BuildingsApp>;

/** buildings on a fresh, migrated database of its own, listening on a free port. */
export function startBuildings(overrides: Record<string, string> = {}, logger?: Logger): Promise<RunningBuildings> {
  return startSubgraph({ name: 'buildings', loadEnv: loadBuildingsEnv, database: buildingsDatabase, createApp: createBuildingsApp }, overrides, logger);
}

/** Counts the SQL statements the app sends while `work` runs (MikroORM runs every query through knex). */
export async function countStatements<T>(app: BuildingsApp, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const knex = app.orm.em.getKnex();
  const statements: string[] = [];
  const listener = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', listener);
  try {
    return { result: await work(), statements };
  } finally {
    knex.off('query', listener);
  }
}
