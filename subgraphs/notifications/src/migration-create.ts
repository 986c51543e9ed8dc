import { fileURLToPath } from 'node:url';
import { notificationsDatabase } from './database.js';
import { loadNotificationsDatabaseEnv } from './env.js';

notificationsDatabase.migrationCreateCommand(loadNotificationsDatabaseEnv().DATABASE_URL, fileURLToPath(new URL('../src/migrations', import.meta.url)));
