// The three gateways under test, all serving the same composed supergraph. Each entry says how
// to start it and how to tell it is ready; the bench treats them identically from then on.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_PORTS, HOST } from './ports.mjs';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_DIR = join(BENCH_DIR, '..');
export const LOBBY_MAIN = join(REPO_DIR, 'router', 'dist', 'main.js');

const hiveBin = () =>
  join(dirname(createRequire(import.meta.url).resolve('@graphql-hive/gateway/package.json')), 'dist', 'bin.js');

const url = (name, path = '/graphql') => `http://${HOST}:${GATEWAY_PORTS[name]}${path}`;

/**
 * Lobby's router from a build: `main` is its dist/main.js (another checkout's, to compare builds —
 * see compare.mjs), served on `port`.
 */
export function lobbySystem({ name = 'lobby', label = "Lobby's router", main = LOBBY_MAIN, port = GATEWAY_PORTS.lobby } = {}) {
  const at = (path) => `http://${HOST}:${port}${path}`;
  return {
    name,
    label,
    url: at('/graphql'),
    readyUrl: at('/health/ready'),
    missing: () => (existsSync(main) ? null : `${main} not found (run pnpm build)`),
    start: (supergraphPath) => ({
      command: process.execPath,
      args: [main],
      cwd: join(dirname(main), '..'),
      // Production configuration: CSRF prevention, auth and limits on, as deployed.
      env: {
        PORT: String(port),
        HOST,
        SUPERGRAPH_PATH: supergraphPath,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        INTERNAL_SIGNING_SECRET: 'bench-only-signing-secret-0123456789abcdef',
        // Fetched only for requests with a bearer token; the bench sends none.
        IDENTITY_JWKS_URL: 'http://127.0.0.1:1/jwks',
        JWT_ISSUER: 'lobby-identity',
        JWT_AUDIENCE: 'lobby',
        // As the router is deployed (router/Dockerfile, pnpm start): see docs/adr/0004-fast-router.md.
        NODE_OPTIONS: '--max-semi-space-size=64',
        // The load generator is one address sending hundreds of requests a second: raise its bucket,
        // keep the limiter running (one Redis round trip per request, as in production).
        RATE_LIMIT_PER_IP: '1000000000',
      },
    }),
  };
}

/** Order matters: it is the A B C order of every round, and 'apollo-gateway' is the baseline. */
export const SYSTEMS = [
  lobbySystem(),
  {
    name: 'apollo-gateway',
    label: 'stock @apollo/gateway',
    url: url('apollo-gateway'),
    readyUrl: null,
    missing: () => null,
    start: (supergraphPath) => ({
      command: process.execPath,
      args: [join(BENCH_DIR, 'gateways', 'apollo-gateway.mjs')],
      cwd: BENCH_DIR,
      // Telemetry off: left on, it exports to Apollo and probes cloud metadata services, traffic that
      // must not leave this machine (and work the other gateways do not do).
      env: { PORT: String(GATEWAY_PORTS['apollo-gateway']), SUPERGRAPH_PATH: supergraphPath, NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true' },
    }),
  },
  {
    name: 'hive-gateway',
    label: 'Hive Gateway',
    url: url('hive-gateway'),
    readyUrl: url('hive-gateway', '/readiness'),
    missing: () => null,
    // Default settings: the CLI with no config file (bench/ holds no gateway.config.*).
    start: (supergraphPath) => ({
      command: process.execPath,
      args: [hiveBin(), 'supergraph', supergraphPath, '--host', HOST, '--port', String(GATEWAY_PORTS['hive-gateway'])],
      cwd: BENCH_DIR,
      env: { NODE_ENV: 'production' },
    }),
  },
];

export const BASELINE = 'apollo-gateway';
