import { createLogger, type Logger, type SubgraphDatabase, type SubgraphServer } from '@lobby/platform';
import { uniqueDatabaseUrl, uniqueRedisPrefix } from './database.js';
import { testSecrets } from './secrets.js';

export interface SubgraphSpec<Env extends { DATABASE_URL: string }, App extends SubgraphServer> {
  name: string;
  loadEnv: (source: Record<string, string | undefined>) => Env;
  database: SubgraphDatabase;
  createApp: (env: Env, logger: Logger) => Promise<App>;
}

export interface RunningSubgraph<App> {
  app: App;
  url: string;
  graphqlUrl: string;
  databaseUrl: string;
  /** Its Redis namespace (rate limits, typing keys, the subscription events channel). */
  redisKeyPrefix: string;
  close: () => Promise<void>;
}

/**
 * A subgraph as a test runs it: the real app on a fresh, migrated database and a Redis namespace
 * of its own, listening on a free port; `close` drops the database again.
 */
export async function startSubgraph<Env extends { DATABASE_URL: string }, App extends SubgraphServer>(
  spec: SubgraphSpec<Env, App>,
  overrides: Record<string, string> = {},
  logger?: Logger,
  /** 0 picks a free port; a subgraph that must know its own address beforehand (media) is given one. */
  port = 0,
): Promise<RunningSubgraph<App>> {
  const database = uniqueDatabaseUrl(spec.name);
  const redisKeyPrefix = overrides.REDIS_KEY_PREFIX ?? uniqueRedisPrefix(spec.name);
  const env = spec.loadEnv({ ...testSecrets, NODE_ENV: 'test', DATABASE_URL: database.url, REDIS_KEY_PREFIX: redisKeyPrefix, ...overrides });
  await spec.database.migrate(env.DATABASE_URL);
  const app = await spec.createApp(env, logger ?? createLogger(spec.name, process.env.TEST_LOG_LEVEL ?? 'silent'));
  const url = `http://127.0.0.1:${await app.listen(port, '127.0.0.1')}`;
  return {
    app,
    url,
    graphqlUrl: `${url}/graphql`,
    databaseUrl: env.DATABASE_URL,
    redisKeyPrefix,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
