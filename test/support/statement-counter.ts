import { randomBytes } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { dropDatabase } from '@lobby/platform';

// Protocol codes of the untyped first messages a client may send before its StartupMessage.
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/**
 * A TCP proxy in front of PostgreSQL that counts the statements clients run through it, read
 * from the wire protocol: every simple Query ('Q') and every Execute ('E') of the extended
 * protocol, with the SQL of the Parse ('P') before it. It sees what really reaches the
 * database, whatever the ORM or driver, so it counts a subgraph that exposes no ORM hooks.
 * (Named prepared statements executed again without a new Parse would be reported with the
 * last SQL parsed; Lobby's drivers do not use them.)
 */
export async function startStatementCounter(target = { host: '127.0.0.1', port: 5432 }) {
  let statements: string[] | null = null;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let started = false;
    let parsedSql = '';

    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (!started) {
          if (pending.length < 8) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          const code = pending.readInt32BE(4);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) started = true;
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) break;
        const type = String.fromCharCode(pending[0]!);
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const body = pending.subarray(5, 1 + length);
        if (type === 'Q') statements?.push(cString(body, 0));
        if (type === 'P') parsedSql = cString(body, body.indexOf(0) + 1);
        if (type === 'E') statements?.push(parsedSql);
        pending = pending.subarray(1 + length);
      }
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** A PostgreSQL server URL (no database) that goes through the counter. */
    serverUrl: `postgres://postgres@127.0.0.1:${port}`,
    /** A database URL unique to one test file, through the counter; pass it as DATABASE_URL and `drop` it at the end. */
    databaseUrl(label: string): { url: string; drop: () => Promise<void> } {
      const url = `postgres://postgres@127.0.0.1:${port}/lobby_test_${label}_${randomBytes(4).toString('hex')}`;
      return { url, drop: () => dropDatabase(url) };
    },
    /** The statements run while `work` runs. */
    async count<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
      const seen: string[] = [];
      statements = seen;
      try {
        return { result: await work(), statements: seen };
      } finally {
        statements = null;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function cString(buffer: Buffer, start: number): string {
  const end = buffer.indexOf(0, start);
  return buffer.toString('utf8', start, end === -1 ? buffer.length : end);
}
