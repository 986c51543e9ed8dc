#!/usr/bin/env node
// `pnpm bench [--quick] [--standard-only | --scenarios-only | --only=<scenario>]`: the standard federation benchmark
// (Lobby's router, stock @apollo/gateway and Hive Gateway side by side on one supergraph), then
// the Lobby scenarios on Lobby's real services. See bench/README.md.
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_CPU, LOAD_CPU, parseArgs, plannedSeconds } from './lib/config.mjs';
import { describeMachine } from './lib/machine.mjs';
import { killAllNow, stopAll } from './lib/processes.mjs';
import { writeResults } from './lib/report.mjs';
import { runScenarios, SCENARIOS, startScenarioStack } from './lib/scenario-run.mjs';
import { runStandard } from './lib/standard-run.mjs';
import { SYSTEMS } from './lib/systems.mjs';
import { assertWrkInstalled } from './lib/wrk.mjs';

let plan;
try {
  plan = parseArgs(process.argv.slice(2));
  const known = SCENARIOS.flatMap((s) => s.names);
  const unknown = plan.only.filter((name) => !known.includes(name));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')} (known: ${known.join(', ')})`);
} catch (error) {
  console.error(`[bench] ${error.message}`);
  process.exit(2);
}
assertWrkInstalled();
// This script only waits, reads /proc and drives the chat clients: keep it off the gateway's core.
execFileSync('taskset', ['-a', '-pc', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });

const logDir = mkdtempSync(join(tmpdir(), 'lobby-bench-'));
const startedAt = performance.now();
const log = (line) => console.log(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(3)}s] ${line}`);

// Whatever happens, nothing the bench started outlives it.
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
const limitS = plannedSeconds(plan, SYSTEMS.length);
const watchdog = setTimeout(() => {
  console.error(`[bench] exceeded ${limitS}s; stopping everything`);
  process.exit(1);
}, limitS * 1000);

async function main() {
  const started = Date.now();
  const date = new Date().toISOString();
  const machine = describeMachine();
  const parts = [plan.standard && 'standard', plan.scenarios && 'scenarios'].filter(Boolean);
  log(`${plan.mode} mode (${parts.join(' + ')}); logs in ${logDir}`);

  // The scenarios' stack starts beside the gateways' start-up (which is not measured), then waits
  // idle on core 1 until the standard rounds are over.
  const stackReady = plan.scenarios ? startScenarioStack({ logDir, log }) : null;
  const parked = async () => (await stackReady?.catch(() => null))?.park();
  let standard = null;
  try {
    standard = plan.standard ? await runStandard({ plan, logDir, log, beforeRounds: parked }) : null;
  } catch (error) {
    await (await stackReady?.catch(() => null))?.close();
    throw error;
  }
  const scenarios = plan.scenarios ? await runScenarios({ plan, stackReady, logDir, log }) : null;

  const run = {
    date,
    mode: plan.mode,
    parts,
    gatewayCpu: GATEWAY_CPU,
    loadCpu: LOAD_CPU,
    ...(standard?.run ?? {}),
    ...(scenarios
      ? {
          scenarioWarmupS: plan.scenarioWarmupS,
          scenarioMeasureS: plan.scenarioMeasureS,
          chatMessages: plan.chatMessages,
          scenarioFailures: scenarios.failures,
        }
      : {}),
    durationS: Math.round((Date.now() - started) / 1000),
    loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  const result = { machine: { ...machine, run }, standard: standard?.standard ?? {}, scenarios: scenarios?.scenarios ?? {} };
  const labels = Object.fromEntries(SYSTEMS.map((s) => [s.name, s.label]));
  const written = writeResults(result, standard?.rounds ?? {}, labels);
  console.log(`\n${written.markdown}`);
  log(`results in ${written.files}`);

  const errors = Object.values(result.standard).reduce((n, s) => n + (s?.errors ?? 0), 0);
  const failed = Object.keys(standard?.run.failures ?? {}).length + Object.keys(scenarios?.failures ?? {}).length;
  return failed || errors ? 1 : 0;
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
