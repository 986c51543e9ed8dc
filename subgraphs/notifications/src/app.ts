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
  startDomainEventConsumer,
  type SubgraphServer,
} from '@lobby/platform';
import { Redis } from 'ioredis';
import { createNotificationsContext, type NotificationsContext } from './context.js';
import { notificationsDatabase } from './database.js';
import { DomainEventHandler } from './domain-events/domain-event.handler.js';
import { handledEventTypes } from './domain-events/notification.plans.js';
import type { EmailAdapter } from './email/email.adapter.js';
import { EmailQueue } from './email/email.queue.js';
import { startEmailWorker } from './email/email.worker.js';
import { loggingEmailAdapter } from './email/logging.adapter.js';
import { smtpEmailAdapter } from './email/smtp.adapter.js';
import type { NotificationsEnv } from './env.js';
import { NotificationEvents } from './events.js';
import { buildNotificationsSchema } from './schema.js';

export interface NotificationsApp extends SubgraphServer {
  orm: Orm;
  /** Turns one domain event into notifications, idempotently (the consumer calls it; tests may too). */
  domainEvents: DomainEventHandler;
  /** Where emails go: `smtp`, or `log` when SMTP_URL is unset. */
  emailAdapter: string;
}

// A Redis call that hangs must not hold a handler's transaction or a request: give up after this.
const REDIS_COMMAND_TIMEOUT_MS = 2_000;

function emailAdapterFor(env: NotificationsEnv, logger: Logger): EmailAdapter {
  if (env.SMTP_URL) return smtpEmailAdapter(env.SMTP_URL, env.EMAIL_FROM);
  if (env.NODE_ENV === 'production') logger.warn('SMTP_URL is not set: notification emails are written to the log, not sent');
  return loggingEmailAdapter(logger, env.EMAIL_FROM);
}

/** Builds the notifications subgraph with its domain event consumer and email worker, without listening. */
export async function createNotificationsApp(env: NotificationsEnv, logger: Logger = createLogger('notifications', env.LOG_LEVEL)): Promise<NotificationsApp> {
  const orm = await notificationsDatabase.open(env.DATABASE_URL);
  // While Redis is away, publishing and queueing fail at once (the event is then handled again later).
  const redis = await connectRedis(env.REDIS_URL, logger, { commandTimeoutMs: REDIS_COMMAND_TIMEOUT_MS });
  // BullMQ's worker blocks on Redis and must retry for ever: a connection of its own, as BullMQ requires.
  const workerRedis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  workerRedis.on('error', (error) => logger.warn({ err: error }, 'redis unavailable (email worker)'));

  const identity = createSubgraphCaller({ url: env.IDENTITY_SUBGRAPH_URL, signingSecret: env.INTERNAL_SIGNING_SECRET, timeoutMs: env.IDENTITY_TIMEOUT_MS });
  const adapter = emailAdapterFor(env, logger);
  const emails = new EmailQueue({ connection: redis, keyPrefix: env.REDIS_KEY_PREFIX, attempts: env.EMAIL_ATTEMPTS, backoffMs: env.EMAIL_BACKOFF_MS, logger });
  const worker = startEmailWorker({ connection: workerRedis, keyPrefix: env.REDIS_KEY_PREFIX, concurrency: env.EMAIL_CONCURRENCY, orm, identity, adapter, logger });
  const events = new NotificationEvents(redis, env.REDIS_KEY_PREFIX, logger);
  const domainEvents = new DomainEventHandler(orm, emails, events, logger);
  // One group for the service: each event reaches one replica, and is acknowledged only once handled.
  const consumer = startDomainEventConsumer({
    redis,
    keyPrefix: env.REDIS_KEY_PREFIX,
    group: 'notifications',
    types: handledEventTypes,
    handle: async (event) => {
      await domainEvents.handle(event);
    },
    reclaimIdleMs: env.DOMAIN_EVENTS_RECLAIM_IDLE_MS,
    logger,
  });

  const server = await createSubgraphServer<NotificationsContext>({
    name: 'notifications',
    schema: await buildNotificationsSchema(),
    logger,
    metrics: createMetricsRegistry('notifications'),
    signingSecrets: signingSecretsOf(env),
    createContext: (caller) => createNotificationsContext(caller, orm.em.fork() as EntityManager, events),
    isReady: () => orm.isConnected(),
  });

  return {
    ...server,
    orm,
    domainEvents,
    emailAdapter: adapter.name,
    close: async () => {
      await server.close();
      // The event in hand is finished (or left pending for another replica) before its connections go.
      await consumer.close();
      // The worker finishes the emails in flight before the connections it uses go.
      await worker.close();
      await emails.close();
      await adapter.close();
      await identity.close();
      redis.disconnect();
      workerRedis.disconnect();
      await orm.close();
    },
  };
}
