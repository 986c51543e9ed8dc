import { join } from 'node:path';
import { envSuffix, routerMain, subgraphPaths } from './workspace.mjs';

export const ROUTER_PORT = 4000;
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_DATABASE_PREFIX = 'lobby_';
export const ROUTER_NODE_OPTIONS = '--max-semi-space-size=64';

/**
 * What `pnpm start` runs, with no I/O: one entry per subgraph in supergraph.yaml, then each worker
 * (`config.workers`, from workers/<name>/package.json), then the router.
 * `LOBBY_PORT_OFFSET` shifts every port and `LOBBY_DATABASE_PREFIX` renames every database, so a
 * second copy (a test) runs beside a developer's without touching it.
 *
 * @param {{ root: string, config: { subgraphs: { name: string, port: number }[], workers?: { name: string, port: number, main: string }[] }, env: Record<string, string | undefined> }} input
 * @returns {{ services: Service[], routerUrl: string, postgresUrl: string, redisUrl: string }}
 * @typedef {{ name: string, kind: 'subgraph' | 'worker' | 'router', port: number, main: string, migrate: string | null,
 *   env: Record<string, string>, readyUrl: string, databaseUrl: string | null }} Service
 */
export function planServices({ root, config, env }) {
  const offset = portOffset(env.LOBBY_PORT_OFFSET);
  const prefix = env.LOBBY_DATABASE_PREFIX ?? DEFAULT_DATABASE_PREFIX;
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`LOBBY_DATABASE_PREFIX "${prefix}" must match [a-z_][a-z0-9_]*`);
  const postgresUrl = env.POSTGRES_URL || DEFAULT_POSTGRES_URL;
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  const shared = {
    ...definedOnly(env),
    NODE_ENV: env.NODE_ENV || 'development',
    REDIS_URL: redisUrl,
    // Keys in the shared Redis are namespaced like the databases (lobby_ → lobby:), so a second copy's
    // rate limits and caches stay apart from the developer's.
    REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX || `${prefix.replace(/_+$/, '')}:`,
    // media and its worker must share the directory media is stored in (local-disk storage).
    MEDIA_LOCAL_STORAGE_DIR: env.MEDIA_LOCAL_STORAGE_DIR || join(root, '.data', `${prefix}media`),
  };

  const subgraphs = config.subgraphs.map(({ name, port: basePort }) => {
    const port = basePort + offset;
    const paths = subgraphPaths(root, name);
    const databaseUrl = withDatabase(postgresUrl, `${prefix}${name}`);
    return {
      name,
      kind: 'subgraph',
      port,
      main: paths.main,
      migrate: paths.migrate,
      env: { ...shared, PORT: String(port), DATABASE_URL: databaseUrl },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
      databaseUrl,
    };
  });

  // A subgraph that calls another directly (marketplace asks buildings for the caller's
  // memberships, docs/adr/0007-marketplace-tenancy.md) finds it at <NAME>_SUBGRAPH_URL, shifted
  // with every other port.
  for (const subgraph of subgraphs) {
    for (const other of subgraphs) {
      if (other !== subgraph) subgraph.env[`${envSuffix(other.name)}_SUBGRAPH_URL`] = `http://127.0.0.1:${other.port}/graphql`;
    }
  }
  // media hands out URLs of its own for local-disk uploads and downloads: its address as clients see it.
  const media = subgraphs.find((s) => s.name === 'media');
  if (media) media.env.MEDIA_PUBLIC_URL = env.MEDIA_PUBLIC_URL || `http://localhost:${media.port}`;

  // A worker serves only its health endpoint, and reaches the subgraphs like they reach each other.
  const workers = (config.workers ?? []).map(({ name, port: basePort, main }) => {
    const port = basePort + offset;
    const workerEnv = { ...shared, PORT: String(port) };
    for (const subgraph of subgraphs) workerEnv[`${envSuffix(subgraph.name)}_SUBGRAPH_URL`] = `http://127.0.0.1:${subgraph.port}/graphql`;
    return { name: `${name}-worker`, kind: 'worker', port, main, migrate: null, env: workerEnv, readyUrl: `http://127.0.0.1:${port}/health/ready`, databaseUrl: null };
  });

  const routerPort = ROUTER_PORT + offset;
  // A larger young generation: the router allocates a lot per request and GC was a fifth of its CPU
  // (docs/adr/0004-fast-router.md). Node reads it only at start, hence NODE_OPTIONS.
  const nodeOptions = [shared.NODE_OPTIONS, ROUTER_NODE_OPTIONS].filter(Boolean).join(' ');
  const routerEnv = { ...shared, PORT: String(routerPort), NODE_OPTIONS: nodeOptions };
  // The supergraph's routing URLs name the default ports; the router is told where each
  // subgraph really listens (always, so `localhost` resolving to ::1 never matters).
  for (const subgraph of subgraphs) {
    routerEnv[`SUBGRAPH_URL_${envSuffix(subgraph.name)}`] = `http://127.0.0.1:${subgraph.port}/graphql`;
  }
  const identity = subgraphs.find((s) => s.name === 'identity');
  if (identity) routerEnv.IDENTITY_JWKS_URL = `http://127.0.0.1:${identity.port}/.well-known/jwks.json`;

  const router = {
    name: 'router',
    kind: 'router',
    port: routerPort,
    main: routerMain(root),
    migrate: null,
    env: routerEnv,
    readyUrl: `http://127.0.0.1:${routerPort}/health/ready`,
    databaseUrl: null,
  };
  return { services: [...subgraphs, ...workers, router], routerUrl: `http://localhost:${routerPort}/graphql`, postgresUrl, redisUrl };
}

function portOffset(value) {
  if (value === undefined || value === '') return 0;
  const offset = Number(value);
  if (!Number.isInteger(offset) || offset < 0 || offset + ROUTER_PORT > 60_000) {
    throw new Error(`LOBBY_PORT_OFFSET "${value}" must be a whole number from 0 to ${60_000 - ROUTER_PORT}`);
  }
  return offset;
}

/** The server URL with its database name replaced: every subgraph gets its own database. */
export function withDatabase(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function definedOnly(env) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}
