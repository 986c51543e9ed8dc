// Serves the four benchmark subgraphs on one port (POST /accounts, /inventory, /products,
// /reviews), as the original benchmark does. It must cost next to nothing, so that the gateway is
// what gets measured: a gateway sends the same few bodies over and over, and the answer to a body
// is computed once and then replayed from memory.
// GET /stats reports how many requests each subgraph answered (the bench divides by queries).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { subgraphs } from './subgraphs/index.mjs';
import { HOST, SUBGRAPH_PORT } from '../lib/ports.mjs';

// Bounds memory if a gateway ever sends ever-changing bodies; past it, answers are just computed.
const MAX_MEMOISED_BODIES = 10_000;

const routes = new Map(
  subgraphs.map(({ name, typeDefs, resolvers }) => [
    `/${name}`,
    { schema: buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]), count: 0 },
  ]),
);
const memo = new Map();

async function answer(path, route, body) {
  const key = `${path}\n${body}`;
  const hit = memo.get(key);
  if (hit) return hit;
  let result;
  try {
    const { query, variables, operationName } = JSON.parse(body);
    result = await graphql({
      schema: route.schema,
      source: query,
      variableValues: variables,
      operationName,
    });
  } catch (error) {
    result = { errors: [{ message: `bad request: ${error.message}` }] };
  }
  const bytes = Buffer.from(JSON.stringify(result));
  // Errors are not memoised, so a transient mistake cannot be replayed for the rest of a run.
  if (!result.errors && memo.size < MAX_MEMOISED_BODIES) memo.set(key, bytes);
  return bytes;
}

function send(res, status, bytes) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
  res.end(bytes);
}

function stats() {
  const requests = Object.fromEntries([...routes].map(([path, r]) => [path.slice(1), r.count]));
  const total = Object.values(requests).reduce((a, b) => a + b, 0);
  return Buffer.from(JSON.stringify({ requests, total, memoised: memo.size }));
}

export function startSubgraphServer(port = SUBGRAPH_PORT) {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/stats') return send(res, 200, stats());
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, Buffer.from('{}'));
    const route = req.method === 'POST' ? routes.get(req.url) : undefined;
    if (!route) return send(res, 404, Buffer.from('{"errors":[{"message":"not found"}]}'));
    route.count += 1;
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      answer(req.url, route, Buffer.concat(chunks).toString('utf8')).then((bytes) =>
        send(res, 200, bytes),
      );
    });
  });
  // Gateways keep connections open between bursts; Node's 5 s default would churn them.
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(port, HOST, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await startSubgraphServer();
  console.log(`bench subgraphs on http://${HOST}:${SUBGRAPH_PORT}`);
}
