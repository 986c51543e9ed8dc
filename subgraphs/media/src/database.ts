import 'reflect-metadata';
import { defineSubgraphDatabase } from '@lobby/platform';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

export const mediaDatabase = defineSubgraphDatabase('media', { entities, migrations });
