import { createLogger, type Logger, type Orm } from '@lobby/platform';
import { createChatApp, type ChatApp } from '../../subgraphs/chat/src/app.js';
import { chatDatabase } from '../../subgraphs/chat/src/database.js';
import { loadChatEnv } from '../../subgraphs/chat/src/env.js';
import { uniqueDatabaseUrl, uniqueRedisPrefix } from './database.js';
import { testSecrets } from './secrets.js';

export interface RunningChat {
  app: ChatApp;
  url: string;
  graphqlUrl: string;
  databaseUrl: string;
  /** Its Redis namespace: typing keys and the subscription events channel live under it. */
  redisKeyPrefix: string;
  close: () => Promise<void>;
}

/** chat on a fresh, migrated database and a Redis namespace of its own, listening on a free port. */
export async function startChat(overrides: Record<string, string> = {}, logger?: Logger): Promise<RunningChat> {
  const database = uniqueDatabaseUrl('chat');
  const env = loadChatEnv({ ...testSecrets, NODE_ENV: 'test', DATABASE_URL: database.url, REDIS_KEY_PREFIX: uniqueRedisPrefix('chat'), ...overrides });
  await chatDatabase.migrate(env.DATABASE_URL);
  const app = await createChatApp(env, logger ?? createLogger('chat', process.env.TEST_LOG_LEVEL ?? 'silent'));
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    graphqlUrl: `${url}/graphql`,
    databaseUrl: database.url,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Counts the SQL statements the app sends while `work` runs (MikroORM runs every query through knex). */
export async function countChatStatements<T>(app: { orm: Orm }, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
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
