import { commonEnv, outboxEnv, redisEnv, parseEnv, port, url } from '@lobby/platform';
import { z } from 'zod';

const databaseEnv = {
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/lobby_chat'),
};

/** What the migration commands need: the database, and none of the service's secrets. */
export function loadChatDatabaseEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(databaseEnv, source);
}

export function loadChatEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(
    {
      ...commonEnv,
      ...databaseEnv,
      PORT: port(4004),
      HOST: z.string().default('0.0.0.0'),
      ...redisEnv,
      ...outboxEnv,
      /** Where chat asks marketplace about a listing (as the caller) for listing conversations. */
      MARKETPLACE_SUBGRAPH_URL: url('http://127.0.0.1:4003/graphql'),
      MARKETPLACE_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
      /** How long a `setTyping(isTyping: true)` lasts unless renewed. */
      CHAT_TYPING_TTL_SECONDS: z.coerce.number().int().min(1).max(30).default(5),
      /** `setTyping` calls one user may make per window, over all their conversations. */
      CHAT_TYPING_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
      CHAT_TYPING_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(10),
    },
    source,
  );
}

export type ChatEnv = ReturnType<typeof loadChatEnv>;
