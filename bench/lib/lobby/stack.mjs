// Lobby's real services for the scenarios: every subgraph and the router from their compiled
// output, with the environment `pnpm start` builds (scripts/lib/services.mjs), shifted onto
// bench-only ports (5200–5204), databases (lobby_bench_*) and Redis keys (lobby_bench:*), which
// are wiped before and after. While data is being set up every service may use both cores; for
// each measurement the router is pinned to core 0 and the subgraphs share core 1 with the load.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { planServices, withDatabase } from '../../../scripts/lib/services.mjs';
import { readSupergraphConfig, repoRoot } from '../../../scripts/lib/workspace.mjs';
import { GATEWAY_CPU, LOAD_CPU } from '../config.mjs';
import { repin, runToEnd, startPinned, stop } from '../processes.mjs';
import { waitFor200 } from '../readiness.mjs';

// 4000 + 1200: the router on 5200, identity 5201, buildings 5202, marketplace 5203, chat 5204.
const PORT_OFFSET = 1200;
export const DATABASE_PREFIX = 'lobby_bench_';
const REDIS_KEY_PREFIX = 'lobby_bench:';
const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = 'redis://127.0.0.1:6379';
// The router's DevTools port, on 127.0.0.1 only: the chat scenario forces a full GC through it
// before each memory reading (lib/lobby/inspector.mjs). An inspector nobody debugs costs nothing.
export const ROUTER_INSPECT_PORT = 5290;
const SETUP_CPUS = `${GATEWAY_CPU},${LOAD_CPU}`;
const MANY = '1000000000';

// Every request of every scenario comes from 127.0.0.1: one address sending what thousands of
// clients would. The per-address and per-user buckets are raised so that the limiters keep
// running (one Redis round trip per request, as in production) without refusing the load itself.
const ROUTER_LIMITS = {
  RATE_LIMIT_PER_IP: MANY,
  RATE_LIMIT_PER_USER: MANY,
  RATE_LIMIT_AUTH_PER_IP: MANY,
  RATE_LIMIT_WS_CONNECTIONS_PER_IP: MANY,
};
// identity keeps its own sign-in limit per address (the router forwards the caller's address).
// Tokens outlive the run, so no subscription ends on token expiry in the middle of a measurement.
const IDENTITY_SETTINGS = { SIGN_IN_LIMIT_PER_IP: MANY, ACCESS_TOKEN_TTL_SECONDS: '3600' };

/** Drops the bench databases and deletes the bench's Redis keys: before a run (a crashed one's leftovers) and after. */
async function wipe(databaseUrls) {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    for (const url of databaseUrls) {
      await client.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_KEY_PREFIX}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** What `pnpm start` would run, on bench ports, databases and keys, with secrets made up for this run. */
export function planStack() {
  const env = {
    LOBBY_PORT_OFFSET: String(PORT_OFFSET),
    LOBBY_DATABASE_PREFIX: DATABASE_PREFIX,
    REDIS_KEY_PREFIX,
    POSTGRES_URL,
    REDIS_URL,
    // Production everywhere: the router as deployed (no introspection, masked errors), and the
    // router's NODE_OPTIONS (--max-semi-space-size=64) come from planServices.
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    INTERNAL_SIGNING_SECRET: randomBytes(48).toString('base64url'),
    IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(48).toString('base64url'),
  };
  const plan = planServices({ root: repoRoot, config: readSupergraphConfig(repoRoot), env });
  for (const service of plan.services) {
    if (service.name === 'router') {
      Object.assign(service.env, ROUTER_LIMITS);
      service.env.NODE_OPTIONS = `${service.env.NODE_OPTIONS} --inspect=127.0.0.1:${ROUTER_INSPECT_PORT}`;
    }
    if (service.name === 'identity') Object.assign(service.env, IDENTITY_SETTINGS);
  }
  return { ...plan, routerUrl: plan.routerUrl.replace('localhost', '127.0.0.1') };
}

export const stackPorts = () => [...planStack().services.map((s) => s.port), ROUTER_INSPECT_PORT];

/**
 * Migrates (each subgraph's dist/migrate.js) and starts the whole stack; resolves once every
 * /health/ready answers 200. On failure everything started is stopped and wiped again.
 */
export async function startStack({ logDir, log, readyTimeoutMs = 60_000 }) {
  const plan = planStack();
  const subgraphs = plan.services.filter((s) => s.kind === 'subgraph');
  const router = plan.services.find((s) => s.kind === 'router');
  const databaseUrls = subgraphs.map((s) => s.databaseUrl);
  const procs = new Map();

  const launch = async (service, envOverrides = {}) => {
    const proc = startPinned({
      name: `lobby-${service.name}`,
      cpu: SETUP_CPUS,
      command: process.execPath,
      args: [service.main],
      cwd: repoRoot,
      env: { ...service.env, ...envOverrides },
      logDir,
    });
    procs.set(service.name, proc);
    await waitFor200(proc, service.readyUrl, { timeoutMs: readyTimeoutMs });
  };
  const close = async () => {
    await Promise.all([...procs.values()].map((proc) => stop(proc)));
    await wipe(databaseUrls).catch((error) => log(`cleanup failed: ${error.message}`));
  };

  try {
    await wipe(databaseUrls);
    const migrate = (s) => runToEnd({ command: 'taskset', args: ['-c', SETUP_CPUS, process.execPath, s.migrate], env: s.env, timeoutMs: 60_000 });
    // Each subgraph starts as soon as its own migrations ran; the router loads the supergraph from
    // its file and is ready without the subgraphs.
    await Promise.all([...subgraphs.map((s) => migrate(s).then(() => launch(s))), launch(router)]);
  } catch (error) {
    await close();
    throw error;
  }
  log(`lobby stack up: router ${plan.routerUrl}, ${subgraphs.map((s) => `${s.name} :${s.port}`).join(', ')}; logs lobby-*.log`);

  return {
    routerUrl: plan.routerUrl,
    routerOrigin: new URL(plan.routerUrl).origin,
    router: () => procs.get('router'),
    /** Every running service: name → process (pid, log file). */
    processes: () => new Map(procs),
    databaseUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.databaseUrl])),
    /** Router alone on core 0, subgraphs on core 1 with the load: before every measurement. */
    pinForMeasurement() {
      for (const [name, proc] of procs) repin(proc, name === 'router' ? GATEWAY_CPU : LOAD_CPU);
    },
    /** Everything on core 1 while idle, so that core 0 stays the standard benchmark's gateway's alone. */
    park() {
      for (const proc of procs.values()) repin(proc, LOAD_CPU);
    },
    /** Both cores for every service while rows and subscriptions are being created. */
    unpinForSetup() {
      for (const proc of procs.values()) repin(proc, SETUP_CPUS);
    },
    /** Restarts subgraphs with their databases reached through `serverUrl` (the statement counter). */
    async restartThrough(names, serverUrl) {
      const chosen = subgraphs.filter((s) => names.includes(s.name));
      await Promise.all(chosen.map((s) => stop(procs.get(s.name))));
      await Promise.all(
        // The outbox relays' safety-net poll would add its own statements to the count; NOTIFY alone wakes them here.
        chosen.map((s) => launch(s, { DATABASE_URL: withDatabase(serverUrl, new URL(s.databaseUrl).pathname.slice(1)), OUTBOX_POLL_INTERVAL_MS: '3600000' })),
      );
    },
    close,
  };
}
