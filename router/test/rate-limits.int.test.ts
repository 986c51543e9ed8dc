import { createLogger } from '@lobby/platform';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueRedisPrefix } from '../../test/support/database.js';
import { RouterRateLimits } from '../src/rate-limit/rate-limits.js';
import { SlidingWindowLimiter } from '../src/rate-limit/sliding-window.js';

const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
afterAll(() => redis.disconnect());

describe('SlidingWindowLimiter (real Redis)', () => {
  const limiter = () => new SlidingWindowLimiter(redis, { prefix: uniqueRedisPrefix('window'), limit: 5, windowMs: 10_000 });

  it('allows the limit within a window, then refuses with the time left in it', async () => {
    const window = limiter();
    const start = 1_000_000_000_000;
    const verdicts = [];
    for (let i = 0; i < 7; i += 1) verdicts.push(await window.hit('a', start + i));
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(verdicts[5]!.retryAfterSeconds).toBe(10);
  });

  it('keeps counting the previous window while it still overlaps, then frees up', async () => {
    const window = limiter();
    const start = 1_000_000_000_000;
    for (let i = 0; i < 5; i += 1) await window.hit('b', start + i);
    // Just into the next window almost all of the previous one still counts.
    expect((await window.hit('b', start + 10_100)).allowed).toBe(false);
    // Half-way through it, half of it does: 2.5 + 0 < 5.
    expect((await window.hit('b', start + 15_000)).allowed).toBe(true);
  });

  it('counts keys apart', async () => {
    const window = limiter();
    for (let i = 0; i < 5; i += 1) await window.hit('c', 1_000_000_000_000);
    expect((await window.hit('d', 1_000_000_000_000)).allowed).toBe(true);
  });
});

describe('RouterRateLimits', () => {
  it('lets requests through while Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true });
    down.on('error', () => {});
    const limits = new RouterRateLimits(down, 'x:', { windowSeconds: 60, perIp: 1, perUser: 1, authPerIp: 1, connectionsPerIp: 1, writesPerBuilding: 1 }, createLogger('test', 'silent'));
    for (let i = 0; i < 3; i += 1) await expect(limits.admitRequest({ userId: 'u', clientIp: '192.0.2.1' })).resolves.toBeUndefined();
    down.disconnect();
  });

  it('refuses with RATE_LIMITED, a retry-after hint and HTTP 429', async () => {
    const limits = new RouterRateLimits(redis, uniqueRedisPrefix('router'), { windowSeconds: 60, perIp: 2, perUser: 100, authPerIp: 1, connectionsPerIp: 1, writesPerBuilding: 1 }, createLogger('test', 'silent'));
    await limits.admitRequest({ userId: null, clientIp: '192.0.2.9' });
    await limits.admitRequest({ userId: null, clientIp: '192.0.2.9' });
    await expect(limits.admitRequest({ userId: null, clientIp: '192.0.2.9' })).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number), http: { status: 429 } },
    });
  });
});
