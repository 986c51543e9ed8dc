import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  createLogger,
  createMetricsRegistry,
  createSubgraphServer,
  type Logger,
  type Orm,
  signingSecretsOf,
  startOutboxRelay,
  type SubgraphServer,
} from '@lobby/platform';
import { createBuildingsContext, type BuildingsContext } from './context.js';
import { buildingsDatabase } from './database.js';
import type { BuildingsEnv } from './env.js';
import { buildBuildingsSchema } from './schema.js';

export interface BuildingsApp extends SubgraphServer {
  /** The ORM the app runs on; tests listen to its queries to count SQL statements. */
  orm: Orm;
}

/** Builds the buildings subgraph without listening, so tests run the real thing on port 0. */
export async function createBuildingsApp(env: BuildingsEnv, logger: Logger = createLogger('buildings', env.LOG_LEVEL)): Promise<BuildingsApp> {
  const orm = await buildingsDatabase.open(env.DATABASE_URL);
  const relay = startOutboxRelay({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, logger });
  const server = await createSubgraphServer<BuildingsContext>({
    name: 'buildings',
    schema: await buildBuildingsSchema(),
    logger,
    metrics: createMetricsRegistry('buildings'),
    signingSecrets: signingSecretsOf(env),
    createContext: (caller) => createBuildingsContext(caller, orm.em.fork() as EntityManager),
    isReady: () => orm.isConnected(),
  });

  return {
    ...server,
    orm,
    close: async () => {
      await server.close();
      await relay.close();
      await orm.close();
    },
  };
}
