import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121203531 } from './Migration20261121203531.js';
import { Migration20261121233650 } from './Migration20261121233650.js';

/** Every migration, oldest first. `pnpm --filter @lobby/identity migration:create` writes the next one; list it here. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121203531', class: Migration20261121203531 },
  // Lobby-wide roles (admin), carried in the access token.
  { name: 'Migration20261121233650', class: Migration20261121233650 },
];
