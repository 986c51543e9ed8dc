import type { Logger, Orm } from '@lobby/platform';
import { createChatApp, type ChatApp } from '../../subgraphs/chat/src/app.js';
import { chatDatabase } from '../../subgraphs/chat/src/database.js';
import { loadChatEnv } from '../../subgraphs/chat/src/env.js';
import { startSubgraph, type RunningSubgraph } from './subgraph.js';

export type RunningChat = RunningSubgraph<ChatApp>;

/** chat on a fresh, migrated database and a Redis namespace of its own, listening on a free port. */
export function startChat(overrides: Record<string, string> = {}, logger?: Logger): Promise<RunningChat> {
  return startSubgraph({ name: 'chat', loadEnv: loadChatEnv, database: chatDatabase, createApp: createChatApp }, overrides, logger);
}

/** Counts the SQL statements the app sends while `work` runs (MikroORM runs every query through knex). */
export async function countChatStatements<T>(app: { orm: Orm }, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const knex = app.orm.em.getKnex();
  const statements: string[] = [];
  const listener = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', listener);
  try {
    return { result: await work(), statements };
  } finally {
    knex.off('query', listener);
  }
}
