import { randomUUID } from 'node:crypto';
import { createDomainEvent, domainEventStream, parseDomainEvent, type AnyDomainEvent } from '@lobby/contracts';
import { createOrm, ensureDatabase, OutboxMigrationV1, recordDomainEvents, runMigrations, type Orm } from '@lobby/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { uniqueDatabaseUrl } from '../../../test/support/database.js';

/** A database with nothing but the outbox, migrated exactly as a producing subgraph migrates it. */
export async function startOutboxDatabase() {
  const database = uniqueDatabaseUrl('outbox');
  await ensureDatabase(database.url);
  const orm = await createOrm({ databaseUrl: database.url, entities: [], migrations: [{ name: 'outbox', class: OutboxMigrationV1 }], poolMax: 4 });
  await runMigrations(orm);
  return {
    url: database.url,
    orm,
    /** Writes the events in one transaction, as a service writes them beside its change. */
    record: (events: AnyDomainEvent[]) => orm.em.fork().transactional((tx) => recordDomainEvents(tx as EntityManager, events)),
    unpublished: async () => Number((await orm.em.getConnection().execute<{ count: string }[]>(`select count(*) from "outbox_event" where "published_at" is null`))[0]!.count),
    close: async () => {
      await orm.close();
      await database.drop();
    },
  };
}

export type OutboxDatabase = Awaited<ReturnType<typeof startOutboxDatabase>>;
export type { Orm };

export function someEvents(count: number): AnyDomainEvent[] {
  return Array.from({ length: count }, () =>
    createDomainEvent('marketplace.listing.favorited', randomUUID(), { listingId: randomUUID(), buildingId: randomUUID(), sellerId: randomUUID(), userId: randomUUID() }),
  );
}

/** Every event on the stream, oldest first (duplicates included). */
export async function streamEvents(redis: Redis, keyPrefix: string): Promise<AnyDomainEvent[]> {
  const entries = await redis.xrange(domainEventStream(keyPrefix), '-', '+');
  return entries.map(([, fields]) => parseDomainEvent(JSON.parse(fields[1]!)));
}
