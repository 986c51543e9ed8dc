import { commonEnv, outboxEnv, redisEnv, parseEnv, port, url } from '@lobby/platform';
import { z } from 'zod';

const databaseEnv = {
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/lobby_marketplace'),
};

/** What the migration commands need: the database, and none of the service's secrets. */
export function loadMarketplaceDatabaseEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(databaseEnv, source);
}

export function loadMarketplaceEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(
    {
      ...commonEnv,
      ...databaseEnv,
      /** Where its domain events go (the relay publishes its outbox to a stream there). */
      ...redisEnv,
      ...outboxEnv,
      PORT: port(4003),
      HOST: z.string().default('0.0.0.0'),
      /** Where marketplace asks buildings for the caller's ACTIVE buildings (docs/adr/0007-marketplace-tenancy.md). */
      BUILDINGS_SUBGRAPH_URL: url('http://127.0.0.1:4002/graphql'),
      /** Time limit for that lookup; past it, reads treat the caller as a member of no building. */
      BUILDINGS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
      /** Where marketplace asks media (as the seller) whether photo ids may be attached to a listing. */
      MEDIA_SUBGRAPH_URL: url('http://127.0.0.1:4006/graphql'),
      MEDIA_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
    },
    source,
  );
}

export type MarketplaceEnv = ReturnType<typeof loadMarketplaceEnv>;
