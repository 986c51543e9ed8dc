import type { AnyDomainEvent } from '@lobby/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Writes events to the outbox inside the caller's open transaction, so they commit or roll back
 * with the change they describe (`em.transactional(async (tx) => { …; await recordDomainEvents(tx, [event]) })`).
 * Outside a transaction it throws: an event written apart from its change could be lost or be a lie.
 * The events come from `createDomainEvent`, which has validated them.
 */
export async function recordDomainEvents(tx: EntityManager, events: readonly AnyDomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const transaction = tx.getTransactionContext();
  if (!transaction) throw new Error('recordDomainEvents must run inside the transaction that makes the change');
  const values = events.map(() => '(?, ?, ?, ?)').join(', ');
  const parameters = events.flatMap((event) => [event.id, event.type, JSON.stringify(event), event.occurredAt]);
  await tx.getConnection().execute(`insert into "outbox_event" ("id", "type", "payload", "occurred_at") values ${values}`, parameters, 'run', transaction);
}
