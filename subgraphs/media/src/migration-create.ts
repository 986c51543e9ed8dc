import { fileURLToPath } from 'node:url';
import { mediaDatabase } from './database.js';
import { loadMediaDatabaseEnv } from './env.js';

mediaDatabase.migrationCreateCommand(loadMediaDatabaseEnv().DATABASE_URL, fileURLToPath(new URL('../src/migrations', import.meta.url)));
