import { RateLimitedError } from '@lobby/platform';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface SignInLimits {
  keyPrefix: string;
  perIp: number;
  perIpWindowSeconds: number;
  failuresPerAccount: number;
  failuresPerAccountWindowSeconds: number;
}

/**
 * Two buckets: every attempt from an address, and failed attempts against an account (by
 * normalised email, existing or not, so the limit itself reveals nothing). Kept in Redis so
 * they hold across replicas; if Redis is unreachable each replica falls back to memory.
 */
export class SignInLimiter {
  private readonly perIp: RateLimiterRedis;
  private readonly perAccount: RateLimiterRedis;

  constructor(redis: Redis, private readonly limits: SignInLimits) {
    this.perIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${limits.keyPrefix}identity:sign-in:ip`,
      points: limits.perIp,
      duration: limits.perIpWindowSeconds,
      insuranceLimiter: new RateLimiterMemory({ points: limits.perIp, duration: limits.perIpWindowSeconds }),
    });
    this.perAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${limits.keyPrefix}identity:sign-in:account`,
      points: limits.failuresPerAccount,
      duration: limits.failuresPerAccountWindowSeconds,
      insuranceLimiter: new RateLimiterMemory({
        points: limits.failuresPerAccount,
        duration: limits.failuresPerAccountWindowSeconds,
      }),
    });
  }

  /** Counts the attempt against the address; refuses if either bucket is empty. */
  async admit(ip: string | null, email: string): Promise<void> {
    if (ip) await this.perIp.consume(ip).catch(rethrowAsRateLimited);
    const account = await this.perAccount.get(email);
    if (account && account.consumedPoints >= this.limits.failuresPerAccount) {
      throw new RateLimitedError(account.msBeforeNext / 1000);
    }
  }

  async recordFailure(email: string): Promise<void> {
    await this.perAccount.penalty(email, 1);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}

function rethrowAsRateLimited(rejection: unknown): never {
  if (rejection instanceof RateLimiterRes) throw new RateLimitedError(rejection.msBeforeNext / 1000);
  throw rejection;
}
