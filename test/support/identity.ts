import { createLogger, type Logger } from '@lobby/platform';
import { createIdentityApp, type IdentityApp } from '../../subgraphs/identity/src/app.js';
import { loadIdentityEnv } from '../../subgraphs/identity/src/env.js';
import { identityDatabase } from '../../subgraphs/identity/src/database.js';
import { uniqueDatabaseUrl, uniqueRedisPrefix } from './database.js';
import { testSecrets } from './secrets.js';

export interface RunningIdentity {
  app: IdentityApp;
  url: string;
  graphqlUrl: string;
  jwksUrl: string;
  databaseUrl: string;
  close: () => Promise<void>;
}

/** identity on a fresh, migrated database of its own, listening on a free port. */
export async function startIdentity(overrides: Record<string, string> = {}, logger?: Logger): Promise<RunningIdentity> {
  const database = uniqueDatabaseUrl('identity');
  const env = loadIdentityEnv({
    ...testSecrets,
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_KEY_PREFIX: uniqueRedisPrefix('identity'),
    ...overrides,
  });
  await identityDatabase.migrate(env.DATABASE_URL);
  const app = await createIdentityApp(env, logger ?? createLogger('identity', process.env.TEST_LOG_LEVEL ?? 'silent'));
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    graphqlUrl: `${url}/graphql`,
    jwksUrl: `${url}/.well-known/jwks.json`,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
