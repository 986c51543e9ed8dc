import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Redis } from 'ioredis';

/**
 * Automatic persisted queries in Redis, so a hash registered through one router replica is known
 * to all. Redis trouble degrades to "not found": the client simply sends the full query again.
 */
export class RedisDocumentCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key).catch(() => null)) ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const write = options?.ttl ? this.redis.set(this.prefix + key, value, 'EX', options.ttl) : this.redis.set(this.prefix + key, value);
    await write.catch(() => undefined);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key).catch(() => undefined);
  }
}
