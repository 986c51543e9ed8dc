import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * A service's Redis client for its own commands: no offline queue, so while Redis is away a
 * command fails at once instead of piling up behind a request. Without an offline queue a command
 * before the first connection would fail too, so this resolves once connected, or once the first
 * attempt failed (the client keeps reconnecting; outages are logged).
 */
export async function connectRedis(url: string, logger: Logger, options: { commandTimeoutMs?: number } = {}): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: options.commandTimeoutMs });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis unavailable'));
  await new Promise<void>((resolve) => {
    redis.once('ready', resolve);
    redis.once('error', () => resolve());
  });
  return redis;
}
