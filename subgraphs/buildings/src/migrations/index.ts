import { OutboxMigrationV1 } from '@lobby/platform';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121211011 } from './Migration20261121211011.js';

/** Every migration, oldest first. `pnpm --filter @lobby/buildings migration:create` writes the next one; list it here. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121211011', class: Migration20261121211011 },
  // The outbox its domain events wait in until the relay publishes them (docs/adr/0008-domain-events.md).
  { name: 'Migration20261121233000_outbox', class: OutboxMigrationV1 },
];
