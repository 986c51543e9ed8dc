#!/usr/bin/env node
// `pnpm start` (which builds first): every subgraph in supergraph.yaml, every worker and the router on this
// machine, against local PostgreSQL and Redis. Creates each subgraph's database and runs its
// migrations, waits until all are ready, prints the router URL; Ctrl-C stops everything.
//
// Environment (besides what the services read): POSTGRES_URL, REDIS_URL, LOBBY_PORT_OFFSET,
// LOBBY_DATABASE_PREFIX, LOBBY_ENV_FILE (default .env), LOBBY_READY_TIMEOUT_MS, LOBBY_STOP_TIMEOUT_MS.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { portInUse, postgresProblem, redisProblem } from './lib/infrastructure.mjs';
import { waitUntilReady } from './lib/readiness.mjs';
import { fillMissingSecrets, readDotenv } from './lib/secrets.mjs';
import { planServices } from './lib/services.mjs';
import { Supervisor } from './lib/supervisor.mjs';
import { readSupergraphConfig, readWorkers, repoRoot } from './lib/workspace.mjs';

const startedAt = Date.now();
const envFile = process.env.LOBBY_ENV_FILE || join(repoRoot, '.env');
// Real environment variables win over .env, as with every dotenv loader.
const env = { ...readDotenv(envFile), ...process.env };
const readyTimeoutMs = Number(env.LOBBY_READY_TIMEOUT_MS) || 60_000;
const stopTimeoutMs = Number(env.LOBBY_STOP_TIMEOUT_MS) || 10_000;

const secrets = fillMissingSecrets(envFile, env);
Object.assign(env, secrets.values);

let plan;
try {
  plan = planServices({ root: repoRoot, config: { ...readSupergraphConfig(repoRoot), workers: readWorkers(repoRoot) }, env });
} catch (error) {
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
const supervisor = new Supervisor({
  names: ['lobby', ...plan.services.map((s) => s.name)],
  colour: Boolean(process.stdout.isTTY),
  onUnexpectedExit: (name, code, signal) =>
    shutdown(1, `${name} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); stopping everything`),
});
const say = (line) => supervisor.log('lobby', line);
const fail = (message) => {
  for (const line of `✗ ${message}`.split('\n')) supervisor.log('lobby', line, process.stderr);
  process.exit(1);
};

let shuttingDown = false;
async function shutdown(exitCode, reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (reason) supervisor.log('lobby', reason, exitCode === 0 ? process.stdout : process.stderr);
  const outcomes = await supervisor.stopAll(stopTimeoutMs);
  for (const { name, pid, code, signal } of outcomes) {
    say(`${name} (pid ${pid}) exited ${signal ? `on ${signal}` : `with code ${code}`}`);
  }
  const unclean = outcomes.filter(({ code, signal }) => code !== 0 && signal !== 'SIGTERM');
  process.exit(exitCode === 0 && unclean.length > 0 ? 1 : exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // A second Ctrl-C does not wait: the exit hook SIGKILLs whatever is still running.
    if (shuttingDown) process.exit(1);
    void shutdown(0, `${signal}: stopping every service`);
  });
}

async function main() {
  if (secrets.written.length > 0) {
    say(`generated ${secrets.written.join(', ')} into ${relative(process.cwd(), envFile) || envFile} (mode 0600, not committed)`);
  }

  const unbuilt = plan.services.flatMap((s) => [s.migrate, s.main]).filter((path) => path && !existsSync(path));
  if (unbuilt.length > 0) fail(`not built: ${unbuilt.map((p) => relative(repoRoot, p)).join(', ')}; run \`pnpm build\``);

  const problems = (await Promise.all([postgresProblem(plan.postgresUrl), redisProblem(plan.redisUrl)])).filter(Boolean);
  if (problems.length > 0) fail(problems.join('\n'));

  const busy = [];
  for (const service of plan.services) if (await portInUse(service.port)) busy.push(`${service.port} (${service.name})`);
  if (busy.length > 0) {
    fail(`port ${busy.join(', ')} already in use; is another Lobby running? LOBBY_PORT_OFFSET=100 shifts every port`);
  }

  const subgraphs = plan.services.filter((s) => s.kind === 'subgraph');
  say(`migrating ${subgraphs.map((s) => `${s.name} (${new URL(s.databaseUrl).pathname.slice(1)})`).join(', ')}`);
  const codes = await Promise.all(subgraphs.map((s) => supervisor.runToEnd(s.name, s.migrate, s.env)));
  if (shuttingDown) return;
  const failed = subgraphs.filter((_, i) => codes[i] !== 0).map((s) => s.name);
  if (failed.length > 0) fail(`migration failed for ${failed.join(', ')}; see its lines above`);

  for (const service of plan.services) supervisor.start(service.name, service.main, service.env);
  try {
    await waitUntilReady(plan.services, readyTimeoutMs);
  } catch (error) {
    return shutdown(1, `✗ ${error.message}`);
  }
  if (shuttingDown) return;
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  say(`✓ Lobby is ready: ${plan.services.length} services in ${seconds} s`);
  say(`  GraphQL endpoint: ${plan.routerUrl}`);
  say(`  Apollo Sandbox:   open ${plan.routerUrl} in a browser`);
  say('  Ctrl-C stops everything.');
}

main().catch((error) => {
  if (!shuttingDown) void shutdown(1, `✗ ${error.stack ?? error}`);
});
