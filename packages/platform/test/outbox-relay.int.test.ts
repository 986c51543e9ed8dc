import { createLogger, recordDomainEvents, startOutboxRelay, type OutboxRelay } from '@lobby/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uniqueRedisPrefix } from '../../../test/support/database.js';
import { eventually } from '../../../test/support/eventually.js';
import { startPrivateRedis } from '../../../test/support/private-redis.js';
import { someEvents, startOutboxDatabase, streamEvents, type OutboxDatabase } from './outbox-database.js';

const logger = createLogger('outbox-test', 'silent');
const ids = (events: { id: string }[]) => events.map((event) => event.id);

describe('outbox relay', () => {
  let database: OutboxDatabase;
  let redis: Redis;
  const relays: OutboxRelay[] = [];
  const relay = (options: { redisUrl?: string; keyPrefix: string }) => {
    const started = startOutboxRelay({ databaseUrl: database.url, redisUrl: options.redisUrl ?? 'redis://127.0.0.1:6379', keyPrefix: options.keyPrefix, logger, pollIntervalMs: 60_000 });
    relays.push(started);
    return started;
  };

  beforeAll(async () => {
    database = await startOutboxDatabase();
    redis = new Redis();
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((started) => started.close()));
    await database.orm.em.getConnection().execute(`truncate "outbox_event"`);
  });
  afterAll(async () => {
    redis.disconnect();
    await database.close();
  });

  it('publishes committed events at once (woken by NOTIFY, not the minute-long poll), in order; rolled-back ones never', async () => {
    const keyPrefix = uniqueRedisPrefix('outbox');
    relay({ keyPrefix });
    const rolledBack = someEvents(1);
    await expect(
      database.orm.em.fork().transactional(async (tx) => {
        await recordDomainEvents(tx as EntityManager, rolledBack);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const committed = someEvents(3);
    await database.record(committed.slice(0, 2));
    await database.record(committed.slice(2));

    await eventually(async () => expect(ids(await streamEvents(redis, keyPrefix))).toEqual(ids(committed)), 3_000);
    expect(await streamEvents(redis, keyPrefix)).toEqual(committed);
    expect(await database.unpublished()).toBe(0);
  });

  it('refuses to record outside a transaction, where the event could part from its change', async () => {
    await expect(recordDomainEvents(database.orm.em.fork() as EntityManager, someEvents(1))).rejects.toThrow(/inside the transaction/);
  });

  it('keeps events in the outbox while Redis is down and publishes each once when it is back', async () => {
    const privateRedis = await startPrivateRedis();
    const client = new Redis(privateRedis.url, { lazyConnect: true });
    client.on('error', () => undefined);
    try {
      const keyPrefix = uniqueRedisPrefix('outbox');
      await privateRedis.stop();
      relay({ redisUrl: privateRedis.url, keyPrefix });
      const events = someEvents(3);
      for (const event of events) await database.record([event]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await database.unpublished()).toBe(3);

      await privateRedis.start();
      await eventually(async () => expect(await database.unpublished()).toBe(0));
      expect(ids(await streamEvents(client, keyPrefix))).toEqual(ids(events));
    } finally {
      client.disconnect();
      await privateRedis.stop();
    }
  });

  it('publishes again what it appended but could not mark (a crash between the two): at least once', async () => {
    const keyPrefix = uniqueRedisPrefix('outbox');
    const connection = database.orm.em.getConnection();
    // The database refuses the relay's "mark published" until the test lifts the fault.
    await connection.execute(`create table "fault" ("on" boolean)`);
    await connection.execute(`insert into "fault" values (true)`);
    await connection.execute(`create function "refuse_mark"() returns trigger language plpgsql as $$
      begin if exists (select 1 from "fault") then raise exception 'injected fault'; end if; return new; end $$`);
    await connection.execute(`create trigger "refuse_mark" before update on "outbox_event" for each row execute function "refuse_mark"()`);
    try {
      relay({ keyPrefix });
      const [event] = someEvents(1);
      await database.record([event!]);
      await eventually(async () => expect((await streamEvents(redis, keyPrefix)).length).toBeGreaterThanOrEqual(1));
      expect(await database.unpublished()).toBe(1);

      await connection.execute(`delete from "fault"`);
      await eventually(async () => expect(await database.unpublished()).toBe(0));
      const published = await streamEvents(redis, keyPrefix);
      expect(published.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ids(published))).toEqual(new Set([event!.id]));
    } finally {
      await connection.execute(`drop trigger "refuse_mark" on "outbox_event"; drop function "refuse_mark"(); drop table "fault"`);
    }
  });

  it('shares the outbox between replicas without losing an event', async () => {
    const keyPrefix = uniqueRedisPrefix('outbox');
    relay({ keyPrefix });
    relay({ keyPrefix });
    const events = someEvents(300);
    for (let start = 0; start < events.length; start += 30) await database.record(events.slice(start, start + 30));
    await eventually(async () => expect(await database.unpublished()).toBe(0));
    const published = ids(await streamEvents(redis, keyPrefix));
    expect(new Set(published)).toEqual(new Set(ids(events)));
    expect(published).toHaveLength(events.length);
  });
});
