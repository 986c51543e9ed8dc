// `pnpm start` for real: the built router and subgraphs, against the local PostgreSQL and Redis,
// as a second copy beside any developer's (its own ports, databases and .env), stopped by SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_SECRETS } from './lib/secrets.mjs';
import { DEFAULT_POSTGRES_URL, ROUTER_PORT } from './lib/services.mjs';
import { readSupergraphConfig, readWorkers, repoRoot } from './lib/workspace.mjs';

const { subgraphs } = readSupergraphConfig(repoRoot);
const workers = readWorkers(repoRoot);
const prefix = `lobby_t${process.pid}_${Date.now().toString(36)}_`;
const workDir = mkdtempSync(join(tmpdir(), 'lobby-start-'));
const envFile = join(workDir, '.env');
const postgresUrl = process.env.POSTGRES_URL || DEFAULT_POSTGRES_URL;

let offset: number;
let start: ChildProcess;
let output = '';
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

const port = (base: number) => base + offset;
const url = (base: number, path: string) => `http://127.0.0.1:${port(base)}${path}`;
const basePorts = [ROUTER_PORT, ...subgraphs.map((s: { port: number }) => s.port), ...workers.map((w) => w.port)];

function portFree(candidate: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port: candidate, host: '0.0.0.0', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** An offset (in 20000–29900) at which every Lobby port is free. */
async function freeOffset(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = 20_000 + 100 * Math.floor(Math.random() * 100);
    const free = await Promise.all(basePorts.map((base) => portFree(base + candidate)));
    if (free.every(Boolean)) return candidate;
  }
  throw new Error('no free port offset found');
}

function waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
    const check = () => {
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    start.stdout?.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited (${code ?? signal}) before ${pattern}; output:\n${output}`));
    });
    check();
  });
}

async function withPostgres<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const startedPids = () => [...output.matchAll(/started ([\w-]+) \(pid (\d+)\)/g)].map((m) => ({ name: m[1], pid: Number(m[2]) }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  offset = await freeOffset();
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'development',
    LOBBY_PORT_OFFSET: String(offset),
    LOBBY_DATABASE_PREFIX: prefix,
    LOBBY_ENV_FILE: envFile,
  };
  // The secrets must come from the generator, so that it is tested too.
  for (const { name } of GENERATED_SECRETS) delete env[name];
  start = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => start.once('exit', (code, signal) => resolve({ code, signal })));
  // The banner's last line: everything is ready and every line of the banner has been printed.
  await waitForOutput(/Ctrl-C stops everything/, 60_000);
}, 90_000);

afterAll(async () => {
  // If a test failed before the SIGTERM test, leave nothing running behind.
  if (start && start.exitCode === null && start.signalCode === null) start.kill('SIGKILL');
  for (const { pid } of startedPids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await withPostgres(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
  rmSync(workDir, { recursive: true, force: true });
  rmSync(join(repoRoot, '.data', `${prefix}media`), { recursive: true, force: true });
}, 30_000);

describe('pnpm start (scripts/start.mjs)', () => {
  it('prints the router URL and the Sandbox link', () => {
    expect(output).toContain(`GraphQL endpoint: http://localhost:${port(ROUTER_PORT)}/graphql`);
    expect(output).toContain(`Apollo Sandbox:   open http://localhost:${port(ROUTER_PORT)}/graphql in a browser`);
  });

  it('answers { __typename } through the router', async () => {
    const response = await fetch(url(ROUTER_PORT, '/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('has every service ready and serving Prometheus metrics', async () => {
    for (const base of basePorts) {
      expect((await fetch(url(base, '/health/ready'))).status, `port ${port(base)}`).toBe(200);
    }
    const metrics = await fetch(url(ROUTER_PORT, '/metrics'));
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^# HELP \w+ /m);
    expect(text).toMatch(/^# TYPE \w+ (counter|gauge|histogram|summary)$/m);
  });

  it('created each subgraph database under the given prefix, and generated the secrets into a 0600 file', async () => {
    const names = await withPostgres(async (client) => {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
      return rows.map((row) => row.datname).sort();
    });
    expect(names).toEqual(subgraphs.map((s: { name: string }) => `${prefix}${s.name}`).sort());
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(envFile, 'utf8');
    for (const { name } of GENERATED_SECRETS) expect(text).toMatch(new RegExp(`^${name}=\\S{32,}$`, 'm'));
  });

  it('stops every service cleanly on SIGTERM', async () => {
    const children = startedPids();
    expect(children.map((c) => c.name).sort()).toEqual([...subgraphs.map((s: { name: string }) => s.name), ...workers.map((w) => `${w.name}-worker`), 'router'].sort());
    expect(children.every(({ pid }) => alive(pid))).toBe(true);

    start.kill('SIGTERM');
    const { code } = await exited;
    expect(code, output).toBe(0);
    for (const { name, pid } of children) {
      expect(alive(pid), `${name} (pid ${pid}) still running`).toBe(false);
      expect(output).toMatch(new RegExp(`${name} \\(pid ${pid}\\) exited`));
    }
    for (const base of basePorts) expect(await portFree(port(base)), `port ${port(base)} released`).toBe(true);
  }, 30_000);
});
