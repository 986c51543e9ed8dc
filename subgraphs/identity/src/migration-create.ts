import { fileURLToPath } from 'node:url';
import { identityDatabase } from './database.js';
import { loadIdentityDatabaseEnv } from './env.js';

identityDatabase.migrationCreateCommand(loadIdentityDatabaseEnv().DATABASE_URL, fileURLToPath(new URL('../src/migrations', import.meta.url)));
