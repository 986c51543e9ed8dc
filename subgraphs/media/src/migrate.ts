import { mediaDatabase } from './database.js';
import { loadMediaDatabaseEnv } from './env.js';

mediaDatabase.migrateCommand(loadMediaDatabaseEnv().DATABASE_URL);
