import { fileURLToPath } from 'node:url';
import { buildingsDatabase } from './database.js';
import { loadBuildingsDatabaseEnv } from './env.js';

buildingsDatabase.migrationCreateCommand(loadBuildingsDatabaseEnv().DATABASE_URL, fileURLToPath(new URL('../src/migrations', import.meta.url)));
