import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A subgraph stand-in that answers every request with `answer` (after `delayMs`) and records
 * what it received. It can be stopped and started again on the same port, as a crashed and
 * restarted subgraph would be.
 */
export async function startStubSubgraph(answer: unknown, options: { delayMs?: number } = {}) {
  const received: string[] = [];
  let server: Server;
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          received.push(body);
          setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)), options.delayMs ?? 0);
        });
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    received,
    stop,
    restart: () => listen(port),
    close: stop,
  };
}
