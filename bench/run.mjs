#!/usr/bin/env node
// `pnpm bench [--quick]`: the standard federation benchmark, run side by side on this machine.
// Lobby's router, stock @apollo/gateway and Hive Gateway serve one composed supergraph in turn
// (A B C, A B C, …) so that drift on a shared machine hits all three alike. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from './standard/compose.mjs';
import { CONNECTIONS, GATEWAY_CPU, LOAD_CPU, parseArgs, plannedSeconds } from './lib/config.mjs';
import { startGateway } from './lib/gateway.mjs';
import { describeMachine } from './lib/machine.mjs';
import { measureTurn } from './lib/measure.mjs';
import { assertPortsFree, GATEWAY_PORTS, SUBGRAPH_ORIGIN, SUBGRAPH_PORT } from './lib/ports.mjs';
import { killAllNow, startPinned, stopAll } from './lib/processes.mjs';
import { peakRssMb } from './lib/proc-stats.mjs';
import { waitFor200 } from './lib/readiness.mjs';
import { summarise, withRatios, writeResults } from './lib/report.mjs';
import { BASELINE, SYSTEMS } from './lib/systems.mjs';
import { EXPECTED_BYTES, REQUEST_BODY } from './lib/test-query.mjs';
import { assertWrkInstalled } from './lib/wrk.mjs';

const plan = parseArgs(process.argv.slice(2));
assertWrkInstalled();
// This script only waits and reads /proc, but keep it off the gateway's core all the same.
execFileSync('taskset', ['-a', '-pc', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });

const logDir = mkdtempSync(join(tmpdir(), 'lobby-bench-'));
const bodyFile = join(logDir, 'request-body.json');
writeFileSync(bodyFile, REQUEST_BODY);
const log = (line) => console.log(`[bench] ${line}`);

// Whatever happens, nothing the bench started outlives it.
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
const watchdog = setTimeout(() => {
  console.error(`[bench] exceeded ${plannedSeconds(plan, SYSTEMS.length)}s; stopping everything`);
  process.exit(1);
}, plannedSeconds(plan, SYSTEMS.length) * 1000);

async function main() {
  const date = new Date().toISOString();
  const machine = describeMachine();
  await assertPortsFree([SUBGRAPH_PORT, ...Object.values(GATEWAY_PORTS)]);
  const supergraphPath = composeSupergraph();
  log(`${plan.mode} mode; logs in ${logDir}`);

  const subgraphs = startPinned({
    name: 'subgraphs',
    cpu: LOAD_CPU,
    command: process.execPath,
    args: [fileURLToPath(new URL('./standard/subgraph-server.mjs', import.meta.url))],
    env: { NODE_ENV: 'production' },
    logDir,
  });
  await waitFor200(subgraphs, `${SUBGRAPH_ORIGIN}/health`, { timeoutMs: 30_000 });

  const running = new Map();
  const failures = {};
  const responseCheck = {};
  for (const system of SYSTEMS) {
    try {
      const { proc, check, verdict } = await startGateway(system, supergraphPath, logDir);
      // Size every response must have: the verified answer's, or the expected one if it differs
      // (then every response counts as an error).
      running.set(system.name, { proc, expectedBytes: check.semantic ? check.bytes : EXPECTED_BYTES });
      responseCheck[system.name] = verdict;
      log(`${system.name}: up (pid ${proc.pid}), TestQuery response ${verdict}`);
    } catch (error) {
      failures[system.name] = error.message;
      log(`${system.name}: NOT MEASURED — ${error.message}`);
    }
  }

  const rounds = Object.fromEntries([...running.keys()].map((name) => [name, []]));
  for (let r = 0; r < plan.rounds; r += 1) {
    for (const system of SYSTEMS) {
      const entry = running.get(system.name);
      if (!entry) continue;
      try {
        if (entry.proc.exited) throw new Error(`exited (${entry.proc.exited.code ?? entry.proc.exited.signal})`);
        const warmupS = r === 0 ? plan.firstWarmupS : plan.warmupS;
        const turn = await measureTurn({ system, proc: entry.proc, warmupS, measureS: plan.measureS, bodyFile, expectedBytes: entry.expectedBytes });
        rounds[system.name].push(turn);
        log(
          `round ${r + 1}/${plan.rounds} ${system.name}: ${(turn.requests / turn.seconds).toFixed(1)} rps, ` +
            `p99 ${turn.p99Ms.toFixed(1)} ms, ${(turn.cpuMs / turn.sent).toFixed(2)} cpu-ms/q, ${(turn.subgraphRequests / turn.sent).toFixed(2)} subgraph req/q, errors ${turn.errors}` +
            (turn.sample ? `\n        first bad response: ${turn.sample.slice(0, 300)}` : ''),
        );
      } catch (error) {
        failures[system.name] = `round ${r + 1}: ${error.message}; see ${entry.proc.logFile}`;
        log(`${system.name}: dropped — ${failures[system.name]}`);
        running.delete(system.name);
      }
    }
  }

  const standard = {};
  for (const system of SYSTEMS) {
    const turns = rounds[system.name] ?? [];
    const entry = running.get(system.name);
    standard[system.name] = entry && turns.length === plan.rounds ? summarise(turns, peakRssMb(entry.proc.pid)) : null;
  }
  const run = {
    date, mode: plan.mode, rounds: plan.rounds, firstWarmupS: plan.firstWarmupS, warmupS: plan.warmupS,
    measureS: plan.measureS, connections: CONNECTIONS, gatewayCpu: GATEWAY_CPU, loadCpu: LOAD_CPU,
    responseCheck, failures,
  };
  const result = { machine: { ...machine, run }, standard: withRatios(standard, BASELINE), scenarios: {} };
  const labels = Object.fromEntries(SYSTEMS.map((s) => [s.name, s.label]));
  const written = writeResults(result, rounds, labels);
  console.log(`\n${written.markdown}`);
  log(`results in ${written.dir}`);

  const errors = Object.values(standard).reduce((n, s) => n + (s?.errors ?? 0), 0);
  return Object.keys(failures).length || errors ? 1 : 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[bench] failed: ${error.stack ?? error}`);
} finally {
  clearTimeout(watchdog);
  await stopAll();
}
process.exit(exitCode);
