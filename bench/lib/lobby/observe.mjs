// What the scenarios read from running services: a Prometheus figure from /metrics, the resident
// memory of a process now (VmRSS; lib/proc-stats.mjs has the peak), CPU time per service.
import { readFileSync } from 'node:fs';
import { cpuMs } from '../proc-stats.mjs';

/** The sum of every series of one metric (any labels), e.g. lobby_router_subscriptions_active. */
export async function readMetric(metricsUrl, name) {
  const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) })).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

export function rssKb(pid) {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return match ? Number(match[1]) : null;
}

/** CPU milliseconds each service of the stack has used so far: { router, identity, … }. */
export const cpuByService = (stack) => Object.fromEntries([...stack.processes()].map(([name, proc]) => [name, cpuMs(proc.pid)]));

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
