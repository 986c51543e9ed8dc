import { randomBytes } from 'node:crypto';
import { dropDatabase } from '@lobby/platform';

const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A database URL unique to one test file; the database is created by the migrations and dropped by `drop`. */
export function uniqueDatabaseUrl(label: string): { url: string; drop: () => Promise<void> } {
  const url = `${POSTGRES}/lobby_test_${label}_${randomBytes(4).toString('hex')}`;
  return { url, drop: () => dropDatabase(url) };
}

export function uniqueRedisPrefix(label: string): string {
  return `lobby-test:${label}:${randomBytes(4).toString('hex')}:`;
}
