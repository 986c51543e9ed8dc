import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A domain event this subgraph has handled, written in the same transaction as the notifications
 * it made: a second delivery of the event (at least once, by design) finds its id here and changes
 * nothing, and a handler that dies before committing leaves no row, so the redelivery does the work.
 */
@Entity({ tableName: 'processed_events' })
export class ProcessedEvent {
  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'timestamptz' })
  processedAt: Date = new Date();
}
