import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121212251 } from './Migration20261121212251.js';

/** Every migration, oldest first. `pnpm --filter @lobby/marketplace migration:create` writes the next one; list it here. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261121212251', class: Migration20261121212251 }];
