import { commonEnv, parseEnv, port, redisEnv, url } from '@lobby/platform';
import { z } from 'zod';

const databaseEnv = {
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/lobby_notifications'),
};

/** What the migration commands need: the database, and none of the service's secrets. */
export function loadNotificationsDatabaseEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(databaseEnv, source);
}

const positive = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export function loadNotificationsEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(
    {
      ...commonEnv,
      ...databaseEnv,
      PORT: port(4005),
      HOST: z.string().default('0.0.0.0'),
      // The domain events stream it consumes, the email queue, and the subscription events channel.
      ...redisEnv,
      /** An event a consumer took but did not finish (it crashed, or its handler failed) is handled again by any replica after this long. */
      DOMAIN_EVENTS_RECLAIM_IDLE_MS: z.coerce.number().int().min(100).default(30_000),
      /** Where the email worker asks identity, as the recipient, for their address. */
      IDENTITY_SUBGRAPH_URL: url('http://127.0.0.1:4001/graphql'),
      IDENTITY_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
      /** smtp:// or smtps:// with credentials; unset or empty: emails are written to the log, not sent. */
      SMTP_URL: z.preprocess(
        (value) => (value === '' ? undefined : value),
        z
          .url()
          .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
          .optional(),
      ),
      EMAIL_FROM: z.string().min(3).default('Lobby <no-reply@lobby.local>'),
      /** Tries per email before it is given up (a failing SMTP server, identity away), and the first retry's delay (doubling). */
      EMAIL_ATTEMPTS: positive(6),
      EMAIL_BACKOFF_MS: positive(5_000),
      /** Emails sent at the same time by one process. */
      EMAIL_CONCURRENCY: positive(4),
    },
    source,
  );
}

export type NotificationsEnv = ReturnType<typeof loadNotificationsEnv>;
