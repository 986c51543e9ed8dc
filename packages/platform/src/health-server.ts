import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { closeGracefully, sendJson, sendText } from './http.js';
import type { Registry } from './metrics.js';

export interface HealthServer {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * `/health/live`, `/health/ready` and `/metrics` for a deployable that serves nothing else (a
 * worker), on the same paths as every Lobby service, so probes and scrapers treat all alike.
 */
export function createHealthServer(options: { isReady: () => boolean | Promise<boolean>; metrics: Registry; logger: Logger }): HealthServer {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    (async () => {
      if (path === '/health/live') return sendJson(response, 200, { status: 'live' });
      if (path === '/health/ready') {
        const ready = await Promise.resolve(options.isReady()).catch(() => false);
        return sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
      }
      if (path === '/metrics') return sendText(response, 200, await options.metrics.metrics(), options.metrics.contentType);
      sendJson(response, 404, { error: 'not found' });
    })().catch((error: unknown) => {
      options.logger.error({ err: error, path }, 'health request failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
    });
  });
  return {
    server,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () => closeGracefully(server),
  };
}
