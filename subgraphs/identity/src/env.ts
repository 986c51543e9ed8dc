import { commonEnv, redisEnv, parseEnv, port, url } from '@lobby/platform';
import { z } from 'zod';

const databaseEnv = {
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/lobby_identity'),
};

/** What the migration commands need: the database, and none of the service's secrets. */
export function loadIdentityDatabaseEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(databaseEnv, source);
}

export function loadIdentityEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(
    {
      ...commonEnv,
      ...databaseEnv,
      PORT: port(4001),
      HOST: z.string().default('0.0.0.0'),
      ...redisEnv,
      /** Encrypts the JWT private keys stored in the database (AES-256-GCM, key derived with HKDF). */
      IDENTITY_KEY_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters'),
      JWT_ISSUER: z.string().min(1).default('lobby-identity'),
      JWT_AUDIENCE: z.string().min(1).default('lobby'),
      ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
      REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
      /** A new signing key replaces the active one when it is this old (checked at start and hourly). */
      SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
      SIGN_IN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
      SIGN_IN_LIMIT_PER_IP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
      SIGN_IN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
      SIGN_IN_FAILURES_PER_ACCOUNT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    },
    source,
  );
}

export type IdentityEnv = ReturnType<typeof loadIdentityEnv>;
