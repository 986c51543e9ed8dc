import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, commonEnv, parseEnv, port } from './env.js';

describe('parseEnv', () => {
  it('applies defaults and coerces numbers', () => {
    const env = parseEnv({ ...commonEnv, PORT: port(4001) }, { INTERNAL_SIGNING_SECRET: 'x'.repeat(32), PORT: '4100' });
    expect(env).toMatchObject({ NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: 4100 });
  });

  it('reports every bad variable at once', () => {
    const attempt = () => parseEnv({ ...commonEnv, PORT: port(4001), MODE: z.enum(['a', 'b']) }, { INTERNAL_SIGNING_SECRET: 'short', PORT: 'many', MODE: 'c' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const issues = (error as ConfigError).issues.join('\n');
      expect(issues).toMatch(/INTERNAL_SIGNING_SECRET: must be at least 32 characters/);
      expect(issues).toMatch(/PORT/);
      expect(issues).toMatch(/MODE/);
    }
  });
});
