import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Forwards HTTP to `target` after `delayMs`, counting requests: makes concurrency in a test deterministic. */
export async function startDelayingProxy(target: string, delayMs: number) {
  const targetUrl = new URL(target);
  let requests = 0;
  const server = createServer((incoming, outgoing) => {
    requests += 1;
    setTimeout(() => {
      const forward = httpRequest(
        { host: targetUrl.hostname, port: targetUrl.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      incoming.pipe(forward);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${targetUrl.pathname}`,
    requests: () => requests,
    reset: () => (requests = 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
