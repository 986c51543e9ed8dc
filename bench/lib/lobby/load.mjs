// One wrk load test against Lobby's real stack: pin, warm up, wait for quiet, measured window,
// wait for quiet, and CPU per operation of every service. Like lib/measure.mjs for the standard
// benchmark, per-operation costs divide by requests *sent* (those in flight at the end were served).
import { runWrkRequests } from '../wrk.mjs';
import { cpuByService } from './observe.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

const total = (cpu) => Object.values(cpu).reduce((a, b) => a + b, 0);

/** Waits (at most maxMs) until the services together use under 2 clock ticks per 250 ms. */
async function quiet(stack, maxMs = 10_000) {
  const deadline = Date.now() + maxMs;
  let last = cpuByService(stack);
  while (Date.now() < deadline) {
    await sleep(250);
    const now = cpuByService(stack);
    if (total(now) - total(last) <= 20) return now;
    last = now;
  }
  return last;
}

/**
 * @param {{ stack, name: string, requests: { token: string | null, body: string }[], mustContain: string,
 *   connections: number, warmupS: number, measureS: number, workDir: string }} options
 */
export async function measureLoad({ stack, name, requests, mustContain, connections, warmupS, measureS, workDir }) {
  stack.pinForMeasurement();
  const load = (seconds) => runWrkRequests({ url: stack.routerUrl, seconds, connections, requests, mustContain, workDir, name });
  const warm = await load(warmupS);
  const before = await quiet(stack);
  const run = await load(measureS);
  const after = await quiet(stack);
  const perOperation = (ms) => round(ms / Math.max(run.sent, 1));
  return {
    connections,
    seconds: round(run.seconds, 1),
    requests: run.requests,
    rps: round(run.requests / run.seconds, 1),
    p50Ms: round(run.p50Ms),
    p99Ms: round(run.p99Ms),
    errors: run.errors,
    warmupErrors: warm.errors,
    cpuMsPerOperation: Object.fromEntries(Object.keys(after).map((service) => [service, perOperation(after[service] - before[service])])),
    ...(run.sample ?? warm.sample ? { firstBadResponse: (run.sample ?? warm.sample).slice(0, 300) } : {}),
  };
}
