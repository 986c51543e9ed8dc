import { OutboxMigrationV1 } from '@lobby/platform';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121232258 } from './Migration20261121232258.js';

/** Every migration, oldest first. `pnpm --filter @lobby/media migration:create` writes the next one; list it here. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121232258', class: Migration20261121232258 },
  // The outbox media.ready / media.failed wait in until the relay publishes them (docs/adr/0008-domain-events.md).
  { name: 'Migration20261122000000_outbox', class: OutboxMigrationV1 },
];
