import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121232236 } from './Migration20261121232236.js';

/** Every migration, oldest first. `pnpm --filter @lobby/notifications migration:create` writes the next one; list it here. */
export const migrations: MigrationObject[] = [
  // Notifications (with the partial unique index that folds bursts), preferences, processed events.
  { name: 'Migration20261121232236', class: Migration20261121232236 },
];
