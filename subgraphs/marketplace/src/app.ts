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
import { createActiveBuildingsClient } from './buildings/active-buildings.client.js';
import { createMarketplaceContext, type MarketplaceContext } from './context.js';
import { marketplaceDatabase } from './database.js';
import { createMediaClient } from './media/media.client.js';
import type { MarketplaceEnv } from './env.js';
import { buildMarketplaceSchema } from './schema.js';

export interface MarketplaceApp extends SubgraphServer {
  /** The ORM the app runs on; tests listen to its queries to count SQL statements. */
  orm: Orm;
}

/** Builds the marketplace subgraph without listening, so tests run the real thing on port 0. */
export async function createMarketplaceApp(env: MarketplaceEnv, logger: Logger = createLogger('marketplace', env.LOG_LEVEL)): Promise<MarketplaceApp> {
  const orm = await marketplaceDatabase.open(env.DATABASE_URL);
  const relay = startOutboxRelay({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, logger });
  const buildings = createActiveBuildingsClient({ url: env.BUILDINGS_SUBGRAPH_URL, signingSecret: env.INTERNAL_SIGNING_SECRET, timeoutMs: env.BUILDINGS_TIMEOUT_MS });
  const media = createMediaClient({ url: env.MEDIA_SUBGRAPH_URL, signingSecret: env.INTERNAL_SIGNING_SECRET, timeoutMs: env.MEDIA_TIMEOUT_MS });
  const server = await createSubgraphServer<MarketplaceContext>({
    name: 'marketplace',
    schema: await buildMarketplaceSchema(),
    logger,
    metrics: createMetricsRegistry('marketplace'),
    signingSecrets: signingSecretsOf(env),
    createContext: (caller) => createMarketplaceContext(caller, orm.em.fork() as EntityManager, { buildings, media }, logger),
    isReady: () => orm.isConnected(),
  });

  return {
    ...server,
    orm,
    close: async () => {
      await server.close();
      await buildings.close();
      await media.close();
      await relay.close();
      await orm.close();
    },
  };
}
