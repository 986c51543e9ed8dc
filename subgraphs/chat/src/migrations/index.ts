import { OutboxMigrationV1 } from '@lobby/platform';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121212506 } from './Migration20261121212506.js';
import { Migration20261121214228 } from './Migration20261121214228.js';

/** Every migration, oldest first. `pnpm --filter @lobby/chat migration:create` writes the next one; list it here. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121212506', class: Migration20261121212506 },
  // Listing conversations: the listing and a unique (listing, buyer) key.
  { name: 'Migration20261121214228', class: Migration20261121214228 },
  // The outbox its domain events wait in until the relay publishes them (docs/adr/0008-domain-events.md).
  { name: 'Migration20261121233000_outbox', class: OutboxMigrationV1 },
];
