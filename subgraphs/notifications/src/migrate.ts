import { notificationsDatabase } from './database.js';
import { loadNotificationsDatabaseEnv } from './env.js';

notificationsDatabase.migrateCommand(loadNotificationsDatabaseEnv().DATABASE_URL);
