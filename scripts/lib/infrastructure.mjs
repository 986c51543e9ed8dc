import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';

// The commands STACK.md gives for this kind of machine; .ci/run runs the same ones.
export const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
export const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';

const TIMEOUT_MS = 3000;

/** null when PostgreSQL answers a query at `url`, else why not. */
export async function postgresProblem(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL is not reachable at ${redact(url)} (${reason(error)}).\n  Start it with: ${START_POSTGRES}\n  or set POSTGRES_URL.`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** null when Redis answers PING at `url`, else why not. */
export async function redisProblem(url) {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // connect() rejects with a bare "Connection is closed"; the 'error' event carries the cause
  // (ECONNREFUSED, ENOTFOUND…). Listening also keeps ioredis from printing it.
  let cause;
  redis.on('error', (error) => {
    cause ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return `Redis is not reachable at ${redact(url)} (${reason(cause ?? error)}).\n  Start it with: ${START_REDIS}\n  or set REDIS_URL.`;
  } finally {
    redis.disconnect();
  }
}

/** True when something already listens on `port` (so a service started there would die). */
export function portInUse(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen({ port, host: '0.0.0.0', exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

function reason(error) {
  return error?.code ?? error?.message ?? String(error);
}

function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
