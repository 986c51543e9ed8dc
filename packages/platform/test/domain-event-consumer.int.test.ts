import { domainEventStream, type AnyDomainEvent } from '@lobby/contracts';
import { createLogger, deadLetterStream, startDomainEventConsumer, type DomainEventConsumer, type DomainEventConsumerOptions } from '@lobby/platform';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uniqueRedisPrefix } from '../../../test/support/database.js';
import { eventually } from '../../../test/support/eventually.js';
import { someEvents } from './outbox-database.js';

const logger = createLogger('consumer-test', 'silent');

describe('domain event consumer', () => {
  let redis: Redis;
  let keyPrefix: string;
  const consumers: DomainEventConsumer[] = [];
  const consume = (options: Partial<DomainEventConsumerOptions> & Pick<DomainEventConsumerOptions, 'handle'>) => {
    const consumer = startDomainEventConsumer({ redis, keyPrefix, group: 'test', logger, ...options });
    consumers.push(consumer);
    return consumer;
  };
  const publish = async (events: AnyDomainEvent[]) => {
    for (const event of events) await redis.xadd(domainEventStream(keyPrefix), '*', 'event', JSON.stringify(event));
  };
  const pendingCount = async (group = 'test') => ((await redis.xpending(domainEventStream(keyPrefix), group)) as [number])[0];

  beforeAll(() => {
    redis = new Redis();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.close()));
  });
  afterAll(() => redis.disconnect());
  const fresh = () => {
    keyPrefix = uniqueRedisPrefix('consumer');
  };

  it('hands each event to one consumer of the group once, acknowledges it, and every group gets all of them', async () => {
    fresh();
    const events = someEvents(40);
    await publish(events.slice(0, 20)); // before any group exists: a new group starts from the beginning
    const seen = { a: [] as string[], b: [] as string[], other: [] as string[] };
    consume({ consumer: 'a', handle: async (event) => void seen.a.push(event.id) });
    consume({ consumer: 'b', handle: async (event) => void seen.b.push(event.id) });
    consume({ group: 'other', handle: async (event) => void seen.other.push(event.id) });
    await publish(events.slice(20));

    const all = events.map((event) => event.id).sort();
    await eventually(async () => expect([...seen.a, ...seen.b].sort()).toEqual(all));
    await eventually(async () => expect([...seen.other].sort()).toEqual(all));
    expect(await pendingCount()).toBe(0);
    expect(await pendingCount('other')).toBe(0);
  });

  it('acknowledges an invalid entry and types it does not want without handling them, and goes on', async () => {
    fresh();
    await redis.xadd(domainEventStream(keyPrefix), '*', 'event', '{"type":"nonsense"}');
    await redis.xadd(domainEventStream(keyPrefix), '*', 'garbage', 'x');
    const [wanted] = someEvents(1);
    const unwanted = { ...wanted!, id: someEvents(1)[0]!.id, type: 'media.failed' } as unknown as AnyDomainEvent;
    const seen: string[] = [];
    consume({ types: ['marketplace.listing.favorited'], handle: async (event) => void seen.push(event.id) });
    await publish([unwanted, wanted!]);
    await eventually(async () => expect(seen).toEqual([wanted!.id]));
    await eventually(async () => expect(await pendingCount()).toBe(0));
  });

  it('delivers an event again after its handler failed', async () => {
    fresh();
    const [event] = someEvents(1);
    let attempts = 0;
    consume({
      reclaimIdleMs: 200,
      handle: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('database away');
      },
    });
    await publish([event!]);
    await eventually(async () => expect(attempts).toBe(2));
    await eventually(async () => expect(await pendingCount()).toBe(0));
  });

  it('lets another consumer take over an event whose consumer died mid-event', async () => {
    fresh();
    const [event] = someEvents(1);
    let releaseStuck!: () => void;
    const stuck = new Promise<void>((resolve) => (releaseStuck = resolve));
    let started = false;
    const dead = startDomainEventConsumer({ redis, keyPrefix, group: 'test', consumer: 'dead', logger, handle: () => ((started = true), stuck) });
    await publish([event!]);
    await eventually(async () => expect(started).toBe(true));

    const handledBy: string[] = [];
    consume({ consumer: 'alive', reclaimIdleMs: 300, handle: async (taken) => void handledBy.push(taken.id) });
    await eventually(async () => expect(handledBy).toEqual([event!.id]));
    expect(await pendingCount()).toBe(0);
    releaseStuck();
    await dead.close();
  });

  it('gives up on an event that keeps failing: dead-lettered after maxDeliveries, not retried forever', async () => {
    fresh();
    const [event] = someEvents(1);
    let attempts = 0;
    consume({
      reclaimIdleMs: 100,
      maxDeliveries: 3,
      handle: async () => {
        attempts += 1;
        throw new Error('always fails');
      },
    });
    await publish([event!]);
    await eventually(async () => expect(await redis.xlen(deadLetterStream(keyPrefix))).toBe(1));
    expect(attempts).toBe(3);
    expect(await pendingCount()).toBe(0);
    const [[, fields]] = (await redis.xrange(deadLetterStream(keyPrefix), '-', '+')) as [[string, string[]]];
    expect(fields).toEqual(expect.arrayContaining(['group', 'test', 'event', JSON.stringify(event)]));
  });
});
