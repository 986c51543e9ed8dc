import { chatDatabase } from './database.js';
import { loadChatDatabaseEnv } from './env.js';

chatDatabase.migrateCommand(loadChatDatabaseEnv().DATABASE_URL);
