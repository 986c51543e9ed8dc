import 'reflect-metadata';
import {
  createLogger,
  createMetricsRegistry,
  createSubgraphServer,
  type Logger,
  signingSecretsOf,
  type SubgraphServer,
} from '@lobby/platform';
import { Redis } from 'ioredis';
import { AuthService } from './auth/auth.service.js';
import { SignInLimiter } from './auth/sign-in-limiter.js';
import type { IdentityContext } from './context.js';
import { identityDatabase } from './database.js';
import type { IdentityEnv } from './env.js';
import { jwksRoute } from './keys/jwks.route.js';
import { KeyRing } from './keys/key-ring.js';
import { buildIdentitySchema } from './schema.js';
import { createUserLoader } from './user/user.loader.js';

export interface IdentityApp extends SubgraphServer {
  keys: KeyRing;
}

const KEY_RELOAD_INTERVAL_MS = 60_000;

/** Builds the identity subgraph without listening, so tests run the real thing on port 0. */
export async function createIdentityApp(env: IdentityEnv, logger: Logger = createLogger('identity', env.LOG_LEVEL)): Promise<IdentityApp> {
  const orm = await identityDatabase.open(env.DATABASE_URL);
  // No offline queue: while Redis is away, rate-limit calls fail at once and the limiter falls back to memory.
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis unavailable'));

  const keys = new KeyRing({
    entityManager: () => orm.em.fork(),
    encryptionSecret: env.IDENTITY_KEY_ENCRYPTION_KEY,
    publishRetiredForSeconds: env.ACCESS_TOKEN_TTL_SECONDS + 300,
    rotateAfterDays: env.SIGNING_KEY_ROTATION_DAYS,
  });
  await keys.refresh();
  // Picks up keys rotated by another replica, and rotates when the active key gets old.
  const keyReload = setInterval(() => {
    keys.refresh().catch((error: unknown) => logger.error({ err: error }, 'signing key reload failed'));
  }, KEY_RELOAD_INTERVAL_MS);
  keyReload.unref();

  const limiter = new SignInLimiter(redis, {
    keyPrefix: env.REDIS_KEY_PREFIX,
    perIp: env.SIGN_IN_LIMIT_PER_IP,
    perIpWindowSeconds: env.SIGN_IN_LIMIT_PER_IP_WINDOW_SECONDS,
    failuresPerAccount: env.SIGN_IN_FAILURES_PER_ACCOUNT,
    failuresPerAccountWindowSeconds: env.SIGN_IN_FAILURES_PER_ACCOUNT_WINDOW_SECONDS,
  });
  const authSettings = {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
  };

  const server = await createSubgraphServer<IdentityContext>({
    name: 'identity',
    schema: await buildIdentitySchema(),
    logger,
    metrics: createMetricsRegistry('identity'),
    signingSecrets: signingSecretsOf(env),
    createContext: (caller) => {
      const em = orm.em.fork();
      const viewer = { userId: caller.userId };
      return {
        caller,
        viewer,
        em,
        auth: new AuthService(em, caller, viewer, keys, limiter, authSettings),
        loaders: { userById: createUserLoader(em) },
      };
    },
    isReady: () => orm.isConnected(),
    routes: { '/.well-known/jwks.json': jwksRoute(keys) },
  });

  return {
    ...server,
    keys,
    close: async () => {
      clearInterval(keyReload);
      await server.close();
      redis.disconnect();
      await orm.close();
    },
  };
}
