import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121232258 } from './Migration20261121232258.js';

/** Every migration, oldest first. `pnpm --filter @lobby/media migration:create` writes the next one; list it here. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261121232258', class: Migration20261121232258 }];
