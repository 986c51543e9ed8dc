#!/usr/bin/env node
// `node bench/media.mjs [--quick]` (after `pnpm build`): the media scenario alone — the worker's
// images per second per core against bare sharp — without the rest of `pnpm bench`, whose ports
// and cores it leaves alone. Writes results/<date>-<mode>-media-only.json. See bench/README.md.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from './lib/config.mjs';
import { describeMachine } from './lib/machine.mjs';
import { killAllNow, stopAll } from './lib/processes.mjs';
import { runMediaThroughput } from './scenarios/media.mjs';

const plan = parseArgs(process.argv.slice(2).filter((arg) => arg === '--quick'));
const workDir = mkdtempSync(join(tmpdir(), 'lobby-bench-media-'));
const log = (line) => console.log(`[bench media] ${line}`);
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

let exitCode = 1;
const machineAtStart = describeMachine();
try {
  log(`${plan.mode} mode; logs in ${workDir}`);
  const result = await runMediaThroughput({ plan, workDir, log });
  const date = new Date().toISOString();
  const file = join(import.meta.dirname, 'results', `${date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}-${plan.mode}-media-only.json`);
  const machine = { ...machineAtStart, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  writeFileSync(file, `${JSON.stringify({ date, mode: plan.mode, machine, scenarios: { media: result } }, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  log(`written ${file}`);
  exitCode = 0;
} catch (error) {
  console.error(`[bench media] failed: ${error.stack ?? error}`);
} finally {
  await stopAll();
}
process.exit(exitCode);
