#!/usr/bin/env node
// `node bench/compare.mjs [--quick] <label>=<router/dist/main.js> ...`: builds of Lobby's router
// side by side with stock @apollo/gateway on the standard benchmark — interleaved rounds in one
// run, every figure as a ratio to stock. How an optimisation is measured before and after
// (docs/adr/0004-fast-router.md): build the commit before it in a worktree,
//   git worktree add /tmp/before <commit> && (cd /tmp/before && pnpm install --offline && pnpm -s build)
//   node bench/compare.mjs before=/tmp/before/router/dist/main.js after=router/dist/main.js
// Prints the table; writes nothing to bench/results/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GATEWAY_CPU, LOAD_CPU, parseArgs } from './lib/config.mjs';
import { describeMachine } from './lib/machine.mjs';
import { GATEWAY_PORTS } from './lib/ports.mjs';
import { killAllNow, stopAll } from './lib/processes.mjs';
import { standardMarkdown } from './lib/report.mjs';
import { runStandard } from './lib/standard-run.mjs';
import { BASELINE, lobbySystem, SYSTEMS } from './lib/systems.mjs';
import { assertWrkInstalled } from './lib/wrk.mjs';

const args = process.argv.slice(2);
const builds = args.filter((arg) => arg.includes('=')).map((arg) => arg.split('=', 2));
if (builds.length === 0 || builds.some(([label, main]) => !label || !main)) {
  console.error('usage: node bench/compare.mjs [--quick] <label>=<router/dist/main.js> ...');
  process.exit(2);
}
const plan = parseArgs(args.filter((arg) => !arg.includes('=')).concat('--standard-only'));
assertWrkInstalled();
execFileSync('taskset', ['-a', '-pc', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });
process.on('exit', killAllNow);

// Past the three gateways' own ports.
const firstPort = Math.max(...Object.values(GATEWAY_PORTS)) + 1;
const systems = [
  ...builds.map(([label, main], index) => lobbySystem({ name: label, label, main: resolve(main), port: firstPort + index })),
  SYSTEMS.find((system) => system.name === BASELINE),
];
const logDir = mkdtempSync(join(tmpdir(), 'lobby-compare-'));
const startedAt = performance.now();
const log = (line) => console.log(`[compare ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(3)}s] ${line}`);

let exitCode = 1;
try {
  const machine = describeMachine();
  const { standard, rounds, run } = await runStandard({ plan, logDir, log, systems });
  const result = { machine: { ...machine, run: { ...run, mode: plan.mode, gatewayCpu: GATEWAY_CPU, loadCpu: LOAD_CPU } }, standard };
  const labels = Object.fromEntries(systems.map((system) => [system.name, system.label]));
  console.log(`\nLoad average at start ${machine.loadAverageAtStart.join(' / ')}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
  console.log(standardMarkdown(result, rounds, labels).join('\n'));
  exitCode = Object.keys(run.failures).length ? 1 : 0;
} catch (error) {
  console.error(`[compare] failed: ${error.stack ?? error}`);
} finally {
  await stopAll();
}
process.exit(exitCode);
