import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  connectRedis,
  createLogger,
  createMetricsRegistry,
  createSubgraphCaller,
  createSubgraphServer,
  type Logger,
  type Orm,
  signingSecretsOf,
  startOutboxRelay,
  type SubgraphServer,
} from '@lobby/platform';
import { createChatContext, type ChatContext, type ChatDependencies } from './context.js';
import { chatDatabase } from './database.js';
import type { ChatEnv } from './env.js';
import { ChatEvents } from './events.js';
import { buildChatSchema } from './schema.js';

export interface ChatApp extends SubgraphServer {
  /** The ORM the app runs on; tests listen to its queries to count SQL statements. */
  orm: Orm;
}

// A Redis call that hangs must not hold a committed send's response: publishing gives up after this.
const REDIS_COMMAND_TIMEOUT_MS = 2_000;

/** Builds the chat subgraph without listening, so tests run the real thing on port 0. */
export async function createChatApp(env: ChatEnv, logger: Logger = createLogger('chat', env.LOG_LEVEL)): Promise<ChatApp> {
  const orm = await chatDatabase.open(env.DATABASE_URL);
  const relay = startOutboxRelay({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, logger });
  // While Redis is away, publishing and typing fail at once (and messages still work).
  const redis = await connectRedis(env.REDIS_URL, logger, { commandTimeoutMs: REDIS_COMMAND_TIMEOUT_MS });

  const dependencies: ChatDependencies = {
    redis,
    marketplace: createSubgraphCaller({ url: env.MARKETPLACE_SUBGRAPH_URL, signingSecret: env.INTERNAL_SIGNING_SECRET, timeoutMs: env.MARKETPLACE_TIMEOUT_MS }),
    events: new ChatEvents(redis, env.REDIS_KEY_PREFIX, logger),
    typing: {
      keyPrefix: env.REDIS_KEY_PREFIX,
      ttlSeconds: env.CHAT_TYPING_TTL_SECONDS,
      rateLimit: env.CHAT_TYPING_RATE_LIMIT,
      rateWindowSeconds: env.CHAT_TYPING_RATE_WINDOW_SECONDS,
    },
  };
  const server = await createSubgraphServer<ChatContext>({
    name: 'chat',
    schema: await buildChatSchema(),
    logger,
    metrics: createMetricsRegistry('chat'),
    signingSecrets: signingSecretsOf(env),
    createContext: (caller) => createChatContext(caller, orm.em.fork() as EntityManager, dependencies),
    isReady: () => orm.isConnected(),
  });

  return {
    ...server,
    orm,
    close: async () => {
      await server.close();
      await dependencies.marketplace.close();
      await relay.close();
      redis.disconnect();
      await orm.close();
    },
  };
}
