import { marketplaceDatabase } from './database.js';
import { loadMarketplaceDatabaseEnv } from './env.js';

marketplaceDatabase.migrateCommand(loadMarketplaceDatabaseEnv().DATABASE_URL);
