// Every process the bench starts binds 127.0.0.1 on 5100–5199, clear of Lobby's own services
// (4000–4010) and the machine's NATS (4222), so a bench can run beside a dev stack.
export const HOST = '127.0.0.1';
export const SUBGRAPH_PORT = 5101;
export const SUBGRAPH_ORIGIN = `http://${HOST}:${SUBGRAPH_PORT}`;
export const GATEWAY_PORTS = { lobby: 5110, 'apollo-gateway': 5111, 'hive-gateway': 5112 };

/**
 * Fails if something already listens on a bench port: a leftover process would answer in place
 * of the one the bench starts, unpinned, and skew every figure.
 */
export async function assertPortsFree(ports) {
  const { createServer } = await import('node:net');
  for (const port of ports) {
    await new Promise((resolve, reject) => {
      const probe = createServer();
      probe.once('error', () =>
        reject(new Error(`port ${port} on ${HOST} is in use; stop whatever holds it (ss -ltnp | grep :${port})`)),
      );
      probe.listen(port, HOST, () => probe.close(resolve));
    });
  }
}
