// Describes the machine and run, so figures are never quoted without their context.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const safe = (fn) => {
  try {
    return fn();
  } catch {
    return null;
  }
};

export function describeMachine() {
  const cpuinfo = safe(() => readFileSync('/proc/cpuinfo', 'utf8')) ?? '';
  return {
    cpuModel: cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    // `wrk -v` prints its banner and exits 1, hence the shell.
    loadGenerator: safe(() => execFileSync('sh', ['-c', 'wrk -v 2>&1 || true'], { encoding: 'utf8' }).split('\n')[0]),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
