import { createLogger, type Logger } from '@lobby/platform';
import { createBuildingsApp, type BuildingsApp } from '../../subgraphs/buildings/src/app.js';
import { buildingsDatabase } from '../../subgraphs/buildings/src/database.js';
import { loadBuildingsEnv } from '../../subgraphs/buildings/src/env.js';
import { uniqueDatabaseUrl } from './database.js';
import { testSecrets } from './secrets.js';

export interface RunningBuildings {
  app: BuildingsApp;
  url: string;
  graphqlUrl: string;
  databaseUrl: string;
  close: () => Promise<void>;
}

/** buildings on a fresh, migrated database of its own, listening on a free port. */
export async function startBuildings(overrides: Record<string, string> = {}, logger?: Logger): Promise<RunningBuildings> {
  const database = uniqueDatabaseUrl('buildings');
  const env = loadBuildingsEnv({ ...testSecrets, NODE_ENV: 'test', DATABASE_URL: database.url, ...overrides });
  await buildingsDatabase.migrate(env.DATABASE_URL);
  const app = await createBuildingsApp(env, logger ?? createLogger('buildings', process.env.TEST_LOG_LEVEL ?? 'silent'));
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    graphqlUrl: `${url}/graphql`,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
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
