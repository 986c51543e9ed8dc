import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENERATED_SECRETS, fillMissingSecrets, readDotenv } from './secrets.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lobby-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('fillMissingSecrets', () => {
  it('creates .env readable by its owner only, with a long random value per secret', () => {
    const path = join(dir, '.env');
    const { written, values } = fillMissingSecrets(path, {});
    expect(written).toEqual(GENERATED_SECRETS.map((s: { name: string }) => s.name));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const saved = readDotenv(path);
    for (const name of written) {
      expect(saved[name]).toBe(values[name]);
      expect(saved[name]?.length ?? 0).toBeGreaterThanOrEqual(32);
    }
    expect(new Set(Object.values(values)).size).toBe(written.length);
  });

  it('keeps what the environment or the file already has, fills empty lines in place', () => {
    const path = join(dir, '.env');
    writeFileSync(path, 'LOG_LEVEL=debug\nINTERNAL_SIGNING_SECRET=\nPOSTGRES_PASSWORD=kept-from-file', { mode: 0o644 });
    const { written } = fillMissingSecrets(path, { IDENTITY_KEY_ENCRYPTION_KEY: 'x'.repeat(32), POSTGRES_PASSWORD: 'kept-from-file' });
    expect(written).toEqual(['INTERNAL_SIGNING_SECRET']);
    const text = readFileSync(path, 'utf8');
    expect(text.match(/INTERNAL_SIGNING_SECRET=/g)).toHaveLength(1);
    expect(readDotenv(path)).toMatchObject({ LOG_LEVEL: 'debug', POSTGRES_PASSWORD: 'kept-from-file' });
    expect(readDotenv(path).INTERNAL_SIGNING_SECRET?.length ?? 0).toBeGreaterThanOrEqual(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('writes nothing when every secret is present', () => {
    const path = join(dir, '.env');
    const env = Object.fromEntries(GENERATED_SECRETS.map((s: { name: string }) => [s.name, 'y'.repeat(40)]));
    expect(fillMissingSecrets(path, env).written).toEqual([]);
    expect(readDotenv(path)).toEqual({});
  });
});
