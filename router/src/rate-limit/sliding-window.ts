import type { Redis } from 'ioredis';

export interface WindowVerdict {
  allowed: boolean;
  /** Seconds until a refused caller may try again. */
  retryAfterSeconds: number;
}

// Sliding-window counter: this window's count plus the previous window's, weighted by how much of
// it still overlaps the sliding window. One atomic round trip; keys expire after two windows.
// KEYS[1] current window, KEYS[2] previous window; ARGV: limit, window ms, elapsed ms in window.
const SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local limit, window, elapsed = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local weighted = previous * (window - elapsed) / window + current
if weighted + 1 > limit then return 0 end
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], window * 2)
return 1
`;

/**
 * A request-rate limit per key that holds across router replicas (the count lives in Redis).
 * Approximates a true sliding window within a fraction of one window, at the cost of two
 * counters per key instead of a log of every request.
 */
export class SlidingWindowLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix: string; limit: number; windowMs: number },
  ) {}

  async hit(key: string, now = Date.now()): Promise<WindowVerdict> {
    const { prefix, limit, windowMs } = this.options;
    const window = Math.floor(now / windowMs);
    const elapsed = now - window * windowMs;
    const allowed = await this.redis.eval(SCRIPT, 2, `${prefix}${key}:${window}`, `${prefix}${key}:${window - 1}`, limit, windowMs, elapsed);
    return { allowed: allowed === 1, retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil((windowMs - elapsed) / 1000)) };
  }
}
