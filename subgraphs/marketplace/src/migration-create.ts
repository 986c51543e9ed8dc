import { fileURLToPath } from 'node:url';
import { marketplaceDatabase } from './database.js';
import { loadMarketplaceDatabaseEnv } from './env.js';

marketplaceDatabase.migrationCreateCommand(loadMarketplaceDatabaseEnv().DATABASE_URL, fileURLToPath(new URL('../src/migrations', import.meta.url)));
