import 'reflect-metadata';
import { printFederatedSchema } from '@lobby/platform';
import { buildMediaSchema } from './schema.js';

/** Prints the SDL this code publishes; `pnpm schema:emit` writes it to schema.graphql. */
process.stdout.write(printFederatedSchema(await buildMediaSchema()));
