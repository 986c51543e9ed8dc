import { domainEventStream } from '@lobby/contracts';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { listenForOutbox } from './outbox-listener.js';
import { Wakeup } from './wakeup.js';

export interface OutboxRelayOptions {
  /** The producing subgraph's own database, whose `outbox_event` table the relay drains. */
  databaseUrl: string;
  redisUrl: string;
  keyPrefix: string;
  logger: Logger;
  batchSize?: number;
  /** Drains this often even without a notification: catches anything a lost LISTEN connection missed. */
  pollIntervalMs?: number;
  /** After a failure (Redis or PostgreSQL away) the relay waits 100 ms, doubling up to this. */
  maxBackoffMs?: number;
  /** The stream is trimmed to about this many entries; consumers further behind than that lose the oldest. */
  streamMaxLength?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retentionHours?: number;
}

export interface OutboxRelay {
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Publishes a subgraph's outbox to the domain-event stream, at least once: a batch is appended
 * to the stream in one MULTI and marked published in the same PostgreSQL transaction that
 * locked it, so a crash or an outage between the two leaves the rows unpublished and they go out
 * again (consumers deduplicate by event id). Replicas share the work through SKIP LOCKED.
 * See docs/adr/0008-domain-events.md.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { logger, batchSize = 100, pollIntervalMs = 1_000, maxBackoffMs = 5_000, streamMaxLength = 100_000, retentionHours = 72 } = options;
  const stream = domainEventStream(options.keyPrefix);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  pool.on('error', (error) => logger.warn({ err: error }, 'outbox relay: idle database connection failed'));
  // Its own connection, without an offline queue: while Redis is away, publishing fails at once.
  const redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined); // reported by the loop, once per outage
  const wakeup = new Wakeup();
  const listener = listenForOutbox(options.databaseUrl, () => wakeup.wake(), logger);
  let closed = false;
  let lastPrunedAt = 0;

  async function publishBatch(): Promise<number> {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('begin');
      const { rows } = await client.query<{ position: string; payload: string }>(
        `select "position", "payload"::text as "payload" from "outbox_event" where "published_at" is null order by "position" limit $1 for update skip locked`,
        [batchSize],
      );
      if (rows.length > 0) {
        const append = redis.multi();
        for (const row of rows) append.xadd(stream, 'MAXLEN', '~', streamMaxLength, '*', 'event', row.payload);
        const results = await append.exec();
        const error = results?.find(([error]) => error)?.[0];
        if (!results || error) throw error ?? new Error('stream append discarded');
        await client.query(`update "outbox_event" set "published_at" = now() where "position" = any($1::bigint[])`, [rows.map((row) => row.position)]);
      }
      await client.query('commit');
      return rows.length;
    } catch (error) {
      failure = error as Error;
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release(failure);
    }
  }

  async function prune(): Promise<void> {
    if (Date.now() - lastPrunedAt < PRUNE_EVERY_MS) return;
    await pool.query(`delete from "outbox_event" where "published_at" < now() - make_interval(hours => $1)`, [retentionHours]);
    lastPrunedAt = Date.now();
  }

  const loop = (async () => {
    let failures = 0;
    while (!closed) {
      try {
        let published = 0;
        for (let count = batchSize; count === batchSize && !closed; published += count) count = await publishBatch();
        if (failures > 0) logger.info({ published }, 'outbox relay: publishing again');
        else if (published > 0) logger.debug({ published }, 'outbox relay: published');
        failures = 0;
        await prune();
        await wakeup.wait(pollIntervalMs);
      } catch (error) {
        if (failures === 0) logger.warn({ err: error }, 'outbox relay: cannot publish; events wait in the outbox');
        failures += 1;
        await wakeup.wait(Math.min(maxBackoffMs, 100 * 2 ** failures));
      }
    }
  })();

  return {
    async close() {
      closed = true;
      wakeup.wake();
      await loop;
      await listener.close();
      await pool.end();
      redis.disconnect();
    },
  };
}
