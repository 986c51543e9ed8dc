// One measured turn of one gateway: warm-up, then a window in which wrk drives the load while
// the gateway's CPU time and the subgraphs' request count are read before and after.
// wrk abandons the requests in flight when it stops, but the gateway still works on them; so
// the bench waits for the gateway to go quiet before each reading and divides by requests *sent*.
import { cpuMs } from './proc-stats.mjs';
import { SUBGRAPH_ORIGIN } from './ports.mjs';
import { runWrk } from './wrk.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function subgraphRequests() {
  const res = await fetch(`${SUBGRAPH_ORIGIN}/stats`, { signal: AbortSignal.timeout(5000) });
  return (await res.json()).total;
}

/** Waits (at most maxMs) until neither the gateway's CPU time nor the subgraph count moves. */
async function quiet(pid, maxMs = 15_000) {
  const deadline = Date.now() + maxMs;
  let last = { cpu: cpuMs(pid), subgraph: await subgraphRequests() };
  while (Date.now() < deadline) {
    await sleep(250);
    const now = { cpu: cpuMs(pid), subgraph: await subgraphRequests() };
    // One clock tick (10 ms) of background work (timers, GC) still counts as quiet.
    if (now.subgraph === last.subgraph && now.cpu - last.cpu <= 10) return now;
    last = now;
  }
  return last;
}

export async function measureTurn({ system, proc, warmupS, measureS, bodyFile, expectedBytes }) {
  const load = (seconds) => runWrk({ url: system.url, seconds, expectedBytes, bodyFile });
  const warm = await load(warmupS);
  const before = await quiet(proc.pid);
  const run = await load(measureS);
  const after = await quiet(proc.pid);
  return {
    ...run,
    cpuMs: after.cpu - before.cpu,
    subgraphRequests: after.subgraph - before.subgraph,
    warmupErrors: warm.errors,
    sample: run.sample ?? warm.sample,
  };
}
