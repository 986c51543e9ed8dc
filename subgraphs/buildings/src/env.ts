import { commonEnv, outboxEnv, redisEnv, parseEnv, port, url } from '@lobby/platform';
import { z } from 'zod';

const databaseEnv = {
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/lobby_buildings'),
};

/** What the migration commands need: the database, and none of the service's secrets. */
export function loadBuildingsDatabaseEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(databaseEnv, source);
}

export function loadBuildingsEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(
    {
      ...commonEnv,
      ...databaseEnv,
      /** Where its domain events go (the relay publishes its outbox to a stream there). */
      ...redisEnv,
      ...outboxEnv,
      PORT: port(4002),
      HOST: z.string().default('0.0.0.0'),
    },
    source,
  );
}

export type BuildingsEnv = ReturnType<typeof loadBuildingsEnv>;
