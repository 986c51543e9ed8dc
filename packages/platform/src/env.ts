import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once, at boot, reporting every bad variable at the same time.
 * Each deployable's env.ts is the only reader of process.env.
 */
export function parseEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  source: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Variables every Lobby service reads. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Shared by the router and every subgraph; signs the caller context the router forwards. */
  INTERNAL_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** The secret being rotated out: still accepted by subgraphs, never used to sign. */
  INTERNAL_SIGNING_SECRET_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
};

/** What a subgraph that publishes domain events reads besides Redis (docs/adr/0008-domain-events.md). */
export const outboxEnv = {
  /** The relay drains the outbox when an insert commits (LISTEN/NOTIFY) and, as a safety net, this often. */
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1_000),
};

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const url = (fallback: string) => z.url().default(fallback);

/** Redis, for the services that use it (rate limits, typing, subscription and domain events). */
export const redisEnv = {
  REDIS_URL: url('redis://127.0.0.1:6379'),
  /** Namespaces every Redis key, stream and channel, so deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().default('lobby:'),
};

/** The secrets a subgraph accepts router signatures with: the current one, then one being rotated out. */
export function signingSecretsOf(env: { INTERNAL_SIGNING_SECRET: string; INTERNAL_SIGNING_SECRET_PREVIOUS?: string | undefined }): string[] {
  return [env.INTERNAL_SIGNING_SECRET, env.INTERNAL_SIGNING_SECRET_PREVIOUS].filter((secret): secret is string => !!secret);
}
