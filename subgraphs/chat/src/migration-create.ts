import { fileURLToPath } from 'node:url';
import { chatDatabase } from './database.js';
import { loadChatDatabaseEnv } from './env.js';

chatDatabase.migrationCreateCommand(loadChatDatabaseEnv().DATABASE_URL, fileURLToPath(new URL('../src/migrations', import.meta.url)));
