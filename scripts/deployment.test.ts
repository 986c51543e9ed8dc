// There is no Docker engine here, so the deployment is checked structurally: the compose file,
// Dockerfiles, init script and .env.example must agree with supergraph.yaml and with each other.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSuffix, readSupergraphConfig, readWorkers, repoRoot } from './lib/workspace.mjs';

type Service = {
  build?: { context: string; dockerfile: string };
  volumes?: string[];
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
};

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const { subgraphs } = readSupergraphConfig(repoRoot);
const workers = readWorkers(repoRoot);
// Compose (go-yaml) honours `<<` merge keys; so must this parse.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const exampleVariables = new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
const initSql = readdirSync(join(repoRoot, 'docker/postgres/init'))
  .map((file) => read(`docker/postgres/init/${file}`))
  .join('\n');

function dockerfileOf(service: Service | undefined) {
  expect(service?.build?.context).toBe('.');
  const path = service?.build?.dockerfile ?? '';
  expect(existsSync(join(repoRoot, path)), `${path} exists`).toBe(true);
  return { path, text: read(path) };
}

function isReadyHealthcheck(service: Service | undefined) {
  expect(service?.healthcheck?.test).toEqual(['CMD', 'node', 'healthcheck.mjs']);
  expect(read('docker/healthcheck.mjs')).toContain('/health/ready');
}

describe('docker-compose.yml', () => {
  it.each(subgraphs)('runs subgraph $name on its routing_url port, after its migration', (subgraph) => {
    const service = services[subgraph.name];
    expect(service, `service ${subgraph.name}`).toBeDefined();
    expect(String(service?.environment?.PORT)).toBe(String(subgraph.port));
    expect(service?.environment?.DATABASE_URL).toMatch(new RegExp(`@postgres:5432/lobby_${subgraph.name}$`));
    expect(service?.environment?.INTERNAL_SIGNING_SECRET).toBe('${INTERNAL_SIGNING_SECRET:?set INTERNAL_SIGNING_SECRET in .env (node scripts/secrets.mjs)}');
    isReadyHealthcheck(service);
    expect(service?.depends_on?.[`${subgraph.name}-migrate`]).toEqual({ condition: 'service_completed_successfully' });

    const migrate = services[`${subgraph.name}-migrate`];
    expect(migrate?.command).toEqual(['node', 'dist/migrate.js']);
    expect(migrate?.image).toBe(service?.image);
    expect(migrate?.environment?.DATABASE_URL).toBe(service?.environment?.DATABASE_URL);
    expect(migrate?.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    expect(dockerfileOf(service).path).toBe(`subgraphs/${subgraph.name}/Dockerfile`);
  });

  it.each(subgraphs)('creates a database for subgraph $name in the PostgreSQL init script', ({ name }) => {
    expect(initSql).toMatch(new RegExp(`^CREATE DATABASE lobby_${name};$`, 'm'));
  });

  it('points the router at every subgraph and at identity\'s JWKS by service name', () => {
    const router = services.router;
    for (const { name, port } of subgraphs) {
      expect(router?.environment?.[`SUBGRAPH_URL_${envSuffix(name)}`]).toBe(`http://${name}:${port}/graphql`);
      expect(router?.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    }
    expect(router?.environment?.IDENTITY_JWKS_URL).toBe('http://identity:4001/.well-known/jwks.json');
    expect(String(router?.environment?.PORT)).toBe('4000');
    expect(router?.ports).toEqual(['${LOBBY_HTTP_PORT:-4000}:4000']);
    isReadyHealthcheck(router);
    dockerfileOf(router);
  });

  it('publishes only the router, and media for the local-disk upload and download URLs it hands out', () => {
    const published = Object.entries(services).filter(([, service]) => service.ports).map(([name]) => name);
    expect(published).toEqual(['media', 'router']);
    expect(services.media?.ports).toEqual(['${LOBBY_MEDIA_PORT:-4006}:4006']);
  });

  it.each(workers)('runs worker $name on its health port, with the storage its subgraph uses', (worker) => {
    const service = services[`${worker.name}-worker`];
    expect(service, `service ${worker.name}-worker`).toBeDefined();
    expect(String(service?.environment?.PORT)).toBe(String(worker.port));
    expect(service?.environment?.INTERNAL_SIGNING_SECRET).toBe('${INTERNAL_SIGNING_SECRET:?set INTERNAL_SIGNING_SECRET in .env (node scripts/secrets.mjs)}');
    expect(service?.ports).toBeUndefined();
    isReadyHealthcheck(service);
    expect(dockerfileOf(service).path).toBe(`workers/${worker.name}/Dockerfile`);
    const subgraph = services[worker.name];
    expect(service?.environment?.[`${envSuffix(worker.name)}_SUBGRAPH_URL`]).toBe(`http://${worker.name}:${subgraphs.find((s) => s.name === worker.name)?.port}/graphql`);
    expect(service?.volumes).toEqual(subgraph?.volumes);
    expect(service?.environment?.MEDIA_STORAGE).toBe(subgraph?.environment?.MEDIA_STORAGE);
  });

  it('runs PostgreSQL 15 and Redis 7 with healthchecks', () => {
    expect(services.postgres?.image).toBe('postgres:15');
    expect(services.redis?.image).toBe('redis:7');
    expect(services.postgres?.healthcheck).toBeDefined();
    expect(services.redis?.healthcheck).toBeDefined();
  });

  it('takes every ${VAR} from .env, each documented in .env.example, with no secret inline', () => {
    const strings: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(compose);
    const used = new Set(strings.flatMap((s) => [...s.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1])));
    expect([...used].filter((name) => !exampleVariables.has(name))).toEqual([]);
    for (const secret of ['INTERNAL_SIGNING_SECRET', 'IDENTITY_KEY_ENCRYPTION_KEY', 'POSTGRES_PASSWORD']) {
      expect(used.has(secret), secret).toBe(true);
      for (const service of Object.values(services)) {
        const value = service.environment?.[secret];
        if (value !== undefined) expect(String(value)).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
      }
    }
  });
});

describe('Dockerfiles', () => {
  const dockerfiles = [...subgraphs.map(({ name }) => `subgraphs/${name}/Dockerfile`), ...workers.map(({ name }) => `workers/${name}/Dockerfile`), 'router/Dockerfile'];

  it.each(dockerfiles)('%s copies only what exists and builds a non-root node:20-slim image', (path) => {
    const text = read(path);
    const sources = [...text.matchAll(/^COPY\s+(?!--from)(?:--\S+\s+)*(.+)\s+\S+$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(existsSync(join(repoRoot, source)), `COPY source ${source}`).toBe(true);
    expect(text.match(/^FROM node:20-slim\b/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/pnpm install (--offline )?--frozen-lockfile/);
    expect(text).toMatch(/pnpm --filter \S+ deploy --prod/);
    const finalStage = text.slice(text.lastIndexOf('\nFROM '));
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  });

  it('keeps secrets, dependencies and build output out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', '**/node_modules', '**/dist', '.git']) expect(ignored).toContain(entry);
  });
});

describe('.env.example', () => {
  // Every variable a deployable's env.ts reads must be documented for operators.
  const envFiles = [
    'packages/platform/src/env.ts',
    'packages/object-storage/src/env.ts',
    'router/src/env.ts',
    ...subgraphs.map(({ name }) => `subgraphs/${name}/src/env.ts`),
    ...workers.map(({ name }) => `workers/${name}/src/env.ts`),
  ].filter((path) => existsSync(join(repoRoot, path)));

  it.each(envFiles)('lists every variable %s reads', (path) => {
    const names = [...read(path).matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):/gm)].map((m) => m[1]);
    expect(names.filter((name) => !exampleVariables.has(name))).toEqual([]);
  });

  it.each(subgraphs)('lists the SUBGRAPH_URL override for $name', ({ name }) => {
    expect(exampleVariables.has(`SUBGRAPH_URL_${envSuffix(name)}`)).toBe(true);
  });
});
