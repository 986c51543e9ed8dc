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

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const url = (fallback: string) => z.url().default(fallback);

/** The secrets a subgraph accepts router signatures with: the current one, then one being rotated out. */
export function signingSecretsOf(env: { INTERNAL_SIGNING_SECRET: string; INTERNAL_SIGNING_SECRET_PREVIOUS?: string | undefined }): string[] {
  return [env.INTERNAL_SIGNING_SECRET, env.INTERNAL_SIGNING_SECRET_PREVIOUS].filter((secret): secret is string => !!secret);
}
