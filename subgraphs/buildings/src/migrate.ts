import { buildingsDatabase } from './database.js';
import { loadBuildingsDatabaseEnv } from './env.js';

buildingsDatabase.migrateCommand(loadBuildingsDatabaseEnv().DATABASE_URL);
