import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121211011 } from './Migration20261121211011.js';

/** Every migration, oldest first. `pnpm --filter @lobby/buildings migration:create` writes the next one; list it here. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261121211011', class: Migration20261121211011 }];
