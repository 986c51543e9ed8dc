import { identityDatabase } from './database.js';
import { loadIdentityDatabaseEnv } from './env.js';

identityDatabase.migrateCommand(loadIdentityDatabaseEnv().DATABASE_URL);
