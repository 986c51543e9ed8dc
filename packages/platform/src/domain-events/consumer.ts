import { hostname } from 'node:os';
import { domainEventStream, parseDomainEvent, type AnyDomainEvent, type DomainEventType } from '@lobby/contracts';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { Wakeup } from './wakeup.js';

export interface DomainEventConsumerOptions {
  /** For acknowledgements and claims; the consumer reads on a duplicate of it (reads block). */
  redis: Redis;
  keyPrefix: string;
  /** One group per consuming service: each event reaches each group once, whichever replica takes it. */
  group: string;
  /** This process's name within the group. */
  consumer?: string;
  /** Only these types reach `handle`; the others are acknowledged unseen. */
  types?: readonly DomainEventType[];
  /** Must be idempotent by `event.id`: delivery is at least once. A throw leaves the event pending, to be delivered again. */
  handle: (event: AnyDomainEvent) => Promise<void>;
  /** Events pending this long (a throw, a consumer killed mid-event) are taken over and handled again. */
  reclaimIdleMs?: number;
  /** After this many deliveries an event is moved to the dead-letter stream instead of retried forever. */
  maxDeliveries?: number;
  logger: Logger;
}

export interface DomainEventConsumer {
  /** Stops reading and waits for the event in hand; unread and unfinished ones stay pending for the group. */
  close(): Promise<void>;
}

type StreamEntry = [id: string, fields: string[]];

const BLOCK_MS = 2_000;
const BATCH = 20;

/** The stream where events that failed `maxDeliveries` times wait for a human. */
export function deadLetterStream(keyPrefix: string): string {
  return `${domainEventStream(keyPrefix)}:dead-letter`;
}

/**
 * Reads the domain-event stream as one consumer of a Redis consumer group. An event is
 * acknowledged only after `handle` resolves, so a crash mid-event leaves it pending and
 * `reclaimIdleMs` later a live consumer of the group takes it over. A new group starts from the
 * beginning of the stream (the stream is trimmed), which idempotent handlers make safe.
 */
export function startDomainEventConsumer(options: DomainEventConsumerOptions): DomainEventConsumer {
  const { redis, group, logger, handle, types, reclaimIdleMs = 30_000, maxDeliveries = 10 } = options;
  const consumer = options.consumer ?? `${hostname()}-${process.pid}`;
  const stream = domainEventStream(options.keyPrefix);
  // A read blocks no longer than the reclaim interval, so stale events are looked for in time.
  const blockMs = Math.min(BLOCK_MS, reclaimIdleMs);
  const reader = redis.duplicate({ enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: blockMs + 5_000 });
  reader.on('error', () => undefined); // reported by the loop, once per outage
  const backoff = new Wakeup();
  let closed = false;
  let lastReclaimAt = 0;
  let groupReady = false;

  async function ensureGroup(): Promise<void> {
    try {
      await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
  }

  async function handleEntry([id, fields]: StreamEntry): Promise<void> {
    let event: AnyDomainEvent;
    try {
      event = parseDomainEvent(JSON.parse(fieldOf(fields, 'event')));
    } catch (error) {
      logger.error({ err: error, entry: id }, 'domain event consumer: invalid event acknowledged unhandled');
      await redis.xack(stream, group, id);
      return;
    }
    if (types && !types.includes(event.type)) {
      await redis.xack(stream, group, id);
      return;
    }
    try {
      await handle(event);
    } catch (error) {
      logger.warn({ err: error, eventId: event.id, type: event.type }, 'domain event consumer: handling failed; it will be retried');
      return;
    }
    await redis.xack(stream, group, id);
  }

  /** Takes over events pending longer than `reclaimIdleMs` on any consumer of the group (this one included). */
  async function reclaim(): Promise<void> {
    if (Date.now() - lastReclaimAt < Math.min(reclaimIdleMs, 5_000)) return;
    lastReclaimAt = Date.now();
    const pending = (await redis.xpending(stream, group, 'IDLE', reclaimIdleMs, '-', '+', BATCH)) as [string, string, number, number][];
    for (const [id, , , deliveries] of pending) {
      if (closed) return;
      const [entry] = (await redis.xclaim(stream, group, consumer, reclaimIdleMs, id)) as StreamEntry[];
      if (!entry) continue; // another consumer took it first, or the stream was trimmed past it
      if (deliveries >= maxDeliveries) await deadLetter(entry, deliveries);
      else await handleEntry(entry);
    }
  }

  async function deadLetter([id, fields]: StreamEntry, deliveries: number): Promise<void> {
    logger.error({ entry: id, deliveries }, 'domain event consumer: giving up on an event; moved to the dead-letter stream');
    await redis.xadd(deadLetterStream(options.keyPrefix), '*', 'group', group, 'entry', id, ...fields);
    await redis.xack(stream, group, id);
  }

  const loop = (async () => {
    let failures = 0;
    while (!closed) {
      try {
        if (!groupReady) await ensureGroup();
        groupReady = true;
        await reclaim();
        const batches = (await reader.xreadgroup('GROUP', group, consumer, 'COUNT', BATCH, 'BLOCK', blockMs, 'STREAMS', stream, '>')) as [string, StreamEntry[]][] | null;
        for (const entry of batches?.[0]?.[1] ?? []) {
          if (closed) break;
          await handleEntry(entry);
        }
        if (failures > 0) logger.info('domain event consumer: reading again');
        failures = 0;
      } catch (error) {
        if (closed) break;
        groupReady = false; // Redis may have restarted empty: the group is created again
        if (failures === 0) logger.warn({ err: error }, 'domain event consumer: cannot read; retrying');
        failures += 1;
        await backoff.wait(Math.min(5_000, 100 * 2 ** failures));
      }
    }
  })();

  return {
    async close() {
      closed = true;
      reader.disconnect(); // ends a blocked read at once
      backoff.wake();
      await loop;
    },
  };
}

function fieldOf(fields: string[], name: string): string {
  const index = fields.indexOf(name);
  if (index < 0 || index % 2 !== 0) throw new Error(`stream entry has no ${name} field`);
  return fields[index + 1]!;
}
