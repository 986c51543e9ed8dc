// Counts the SQL statements that reach PostgreSQL, per database, read from the wire protocol by a
// TCP proxy the subgraphs connect through (the same method as test/support/statement-counter.ts):
// every simple Query ('Q') and every Execute ('E') of the extended protocol is one statement.
// It sees what really reaches the database, whatever the ORM does. pg_stat_statements would need
// a server restart (shared_preload_libraries), and log_statement would write every statement of
// the load windows to the server's log; the proxy is only in the path for the counting pass.
import { connect, createServer } from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

function startupDatabase(message) {
  // Int32 length, Int32 protocol, then name\0value\0 pairs ending with \0.
  const fields = message.toString('utf8', 8).split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'database') return fields[i + 1];
  return fields[fields.indexOf('user') + 1] ?? '?';
}

export async function startStatementCounter({ port, target = { host: '127.0.0.1', port: 5432 } }) {
  const counts = new Map();
  let counting = false;
  const sockets = new Set();

  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let database = null;
    client.on('data', (chunk) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (database === null) {
          if (pending.length < 8) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          const code = pending.readInt32BE(4);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) database = startupDatabase(pending.subarray(0, length));
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) break;
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const type = pending[0];
        if (counting && (type === 0x51 /* Q */ || type === 0x45) /* E */) counts.set(database, (counts.get(database) ?? 0) + 1);
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
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });

  return {
    serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** Statements per database while `work` runs. */
    async count(work) {
      counts.clear();
      counting = true;
      try {
        await work();
      } finally {
        counting = false;
      }
      return Object.fromEntries(counts);
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
