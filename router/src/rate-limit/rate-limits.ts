import type { Logger } from '@lobby/platform';
import type { Redis } from 'ioredis';
import { rateLimited } from './rate-limited.js';
import { SlidingWindowLimiter, type WindowVerdict } from './sliding-window.js';

export interface RateLimitSettings {
  windowSeconds: number;
  /** Requests per window from one client address. */
  perIp: number;
  /** Requests per window by one signed-in user, from wherever. */
  perUser: number;
  /** Sign-in, sign-up and refresh operations per window from one client address. */
  authPerIp: number;
  /** New WebSocket connections per window from one client address. */
  connectionsPerIp: number;
  /** Mutations acting on one building per window, from all of its residents together. */
  writesPerBuilding: number;
}

/** Operations that guess credentials or create accounts: their own, stricter bucket. */
export const AUTH_OPERATIONS = new Set(['signIn', 'signUp', 'refreshSession']);

const OUTAGE_LOG_INTERVAL_MS = 10_000;

/**
 * The router's rate limits. While Redis is unreachable they let requests through (a rate limiter
 * must not become the outage) and say so in the log; identity keeps its own sign-in limits.
 */
export class RouterRateLimits {
  private readonly perIp: SlidingWindowLimiter;
  private readonly perUser: SlidingWindowLimiter;
  private readonly authPerIp: SlidingWindowLimiter;
  private readonly connectionsPerIp: SlidingWindowLimiter;
  private readonly writesPerBuilding: SlidingWindowLimiter;
  private lastOutageLog = 0;

  constructor(redis: Redis, prefix: string, settings: RateLimitSettings, private readonly logger: Logger) {
    const windowMs = settings.windowSeconds * 1000;
    this.perIp = new SlidingWindowLimiter(redis, { prefix: `${prefix}router:rate:ip:`, limit: settings.perIp, windowMs });
    this.perUser = new SlidingWindowLimiter(redis, { prefix: `${prefix}router:rate:user:`, limit: settings.perUser, windowMs });
    this.authPerIp = new SlidingWindowLimiter(redis, { prefix: `${prefix}router:rate:auth:`, limit: settings.authPerIp, windowMs });
    this.connectionsPerIp = new SlidingWindowLimiter(redis, { prefix: `${prefix}router:rate:ws:`, limit: settings.connectionsPerIp, windowMs });
    this.writesPerBuilding = new SlidingWindowLimiter(redis, { prefix: `${prefix}router:rate:building:`, limit: settings.writesPerBuilding, windowMs });
  }

  /** Every request counts against its address and, when signed in, against its user wherever they are. */
  async admitRequest(caller: { userId: string | null; clientIp: string | null }): Promise<void> {
    await Promise.all([
      caller.clientIp ? this.admit(this.perIp, caller.clientIp) : undefined,
      caller.userId ? this.admit(this.perUser, caller.userId) : undefined,
    ]);
  }

  async admitConnection(clientIp: string | null): Promise<void> {
    if (clientIp) return this.admit(this.connectionsPerIp, clientIp);
  }

  async admitBuildingWrite(buildingId: string): Promise<void> {
    return this.admit(this.writesPerBuilding, buildingId);
  }

  async admitAuthOperation(clientIp: string | null): Promise<void> {
    if (clientIp) return this.admit(this.authPerIp, clientIp);
  }

  private async admit(limiter: SlidingWindowLimiter, key: string): Promise<void> {
    let verdict: WindowVerdict;
    try {
      verdict = await limiter.hit(key);
    } catch (error) {
      if (Date.now() - this.lastOutageLog > OUTAGE_LOG_INTERVAL_MS) {
        this.lastOutageLog = Date.now();
        this.logger.warn({ err: error }, 'rate limits unavailable (Redis); letting requests through');
      }
      return;
    }
    if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds);
  }
}
