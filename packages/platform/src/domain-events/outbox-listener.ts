import pg from 'pg';
import type { Logger } from '../logger.js';
import { OUTBOX_CHANNEL } from './outbox-table.js';

const RECONNECT_AFTER_MS = 1_000;

/**
 * LISTENs on the outbox channel and calls `onNotification` when an insert commits, so events
 * leave within milliseconds instead of at the next poll. Reconnects after losing the database;
 * on every (re)connect it calls `onNotification` once, since anything committed meanwhile was
 * not announced. The relay's poll covers the gap, so failures here are only logged at debug.
 */
export function listenForOutbox(databaseUrl: string, onNotification: () => void, logger: Logger): { close(): Promise<void> } {
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;

  const reconnectLater = (failed: pg.Client) => {
    if (closed || failed !== current || retry) return;
    current = null;
    failed.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, RECONNECT_AFTER_MS);
  };

  const connect = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    current = client;
    client.on('notification', onNotification);
    client.on('error', (error) => {
      logger.debug({ err: error }, 'outbox listener: connection lost');
      reconnectLater(client);
    });
    client.on('end', () => reconnectLater(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${OUTBOX_CHANNEL}"`);
      onNotification();
    } catch (error) {
      logger.debug({ err: error }, 'outbox listener: cannot listen');
      reconnectLater(client);
    }
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await current?.end().catch(() => undefined);
    },
  };
}
