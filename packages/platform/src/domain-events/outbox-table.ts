import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox table, as each producing subgraph's migration creates it in its own database. Frozen:
 * a migration that ran must keep meaning the same thing, so a later change is a new constant
 * (`outboxTableV2`), never an edit of this one.
 *
 * `position` orders publishing; `id` is the event's own id (consumers deduplicate by it);
 * the statement trigger wakes the relay through LISTEN/NOTIFY when the inserting transaction
 * commits (a notification inside a rolled-back transaction is never sent).
 */
export const outboxTableV1: readonly string[] = [
  `create table "outbox_event" (
    "position" bigserial primary key,
    "id" uuid not null unique,
    "type" text not null,
    "payload" jsonb not null,
    "occurred_at" timestamptz not null,
    "published_at" timestamptz null
  );`,
  `create index "outbox_event_unpublished_idx" on "outbox_event" ("position") where "published_at" is null;`,
  `create function "outbox_event_notify"() returns trigger language plpgsql as $$
    begin perform pg_notify('outbox_event', ''); return null; end $$;`,
  `create trigger "outbox_event_inserted" after insert on "outbox_event"
    for each statement execute function "outbox_event_notify"();`,
];

/** Lists as-is in a producing subgraph's migrations: `{ name: 'Migration…_outbox', class: OutboxMigrationV1 }`. */
export class OutboxMigrationV1 extends Migration {
  override async up(): Promise<void> {
    for (const statement of outboxTableV1) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "outbox_event";`);
    this.addSql(`drop function "outbox_event_notify"();`);
  }
}

/** The channel the trigger above notifies. */
export const OUTBOX_CHANNEL = 'outbox_event';
