#!/usr/bin/env node
// `pnpm bench:profile [seconds]`: Lobby's router under the standard workload with --cpu-prof,
// then where its CPU went, by package and by function (self time). The evidence behind
// docs/adr/0004-fast-router.md; run it before and after an optimisation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOAD_CPU } from './lib/config.mjs';
import { startGateway } from './lib/gateway.mjs';
import { assertPortsFree, GATEWAY_PORTS, SUBGRAPH_ORIGIN, SUBGRAPH_PORT } from './lib/ports.mjs';
import { killAllNow, startPinned, stop, stopAll } from './lib/processes.mjs';
import { summariseProfile } from './lib/profile-summary.mjs';
import { waitFor200 } from './lib/readiness.mjs';
import { SYSTEMS } from './lib/systems.mjs';
import { EXPECTED_BYTES, REQUEST_BODY } from './lib/test-query.mjs';
import { assertWrkInstalled, runWrk } from './lib/wrk.mjs';
import { composeSupergraph } from './standard/compose.mjs';

const seconds = Number(process.argv[2] ?? 15);
assertWrkInstalled();
execFileSync('taskset', ['-a', '-pc', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });
process.on('exit', killAllNow);

const workDir = mkdtempSync(join(tmpdir(), 'lobby-profile-'));
const bodyFile = join(workDir, 'request-body.json');
writeFileSync(bodyFile, REQUEST_BODY);

await assertPortsFree([SUBGRAPH_PORT, GATEWAY_PORTS.lobby]);
const subgraphs = startPinned({
  name: 'subgraphs',
  cpu: LOAD_CPU,
  command: process.execPath,
  args: [fileURLToPath(new URL('./standard/subgraph-server.mjs', import.meta.url))],
  env: { NODE_ENV: 'production' },
  logDir: workDir,
});
try {
  await waitFor200(subgraphs, `${SUBGRAPH_ORIGIN}/health`, { timeoutMs: 30_000 });
  const lobby = SYSTEMS.find((system) => system.name === 'lobby');
  const profiled = {
    ...lobby,
    start: (supergraphPath) => {
      const spec = lobby.start(supergraphPath);
      return { ...spec, args: ['--cpu-prof', `--cpu-prof-dir=${workDir}`, ...spec.args] };
    },
  };
  const { proc, check } = await startGateway(profiled, composeSupergraph(), workDir);
  // The verified answer's own size (Apollo Server appends a newline to the expected JSON).
  const load = await runWrk({ url: lobby.url, seconds, expectedBytes: check.semantic ? check.bytes : EXPECTED_BYTES, bodyFile });
  // SIGTERM lets the router shut down normally, which is when V8 writes the profile.
  await stop(proc, 15_000);
  const file = readdirSync(workDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${workDir}`);
  console.log(`${load.requests} requests in ${load.seconds.toFixed(1)} s (${(load.requests / load.seconds).toFixed(1)} RPS), ${load.errors} errors`);
  console.log(summariseProfile(JSON.parse(readFileSync(join(workDir, file), 'utf8'))));
  console.log(`profile: ${join(workDir, file)} (open in Chrome DevTools › Performance)`);
} finally {
  await stopAll();
}
