// The Lobby scenarios: one stack of Lobby's real services (lib/lobby/stack.mjs) serves each
// scenario in turn, then is stopped and its databases and Redis keys removed. A scenario that
// fails is reported with its reason and the next one still runs.
import { performance } from 'node:perf_hooks';
import { runChatFanout } from '../scenarios/chat-fanout.mjs';
import { runMarketplace, STATEMENT_COUNTER_PORT } from '../scenarios/marketplace.mjs';
import { MEDIA_PORT, MEDIA_WORKER_PORT, runMediaThroughput } from '../scenarios/media.mjs';
import { runSignIn } from '../scenarios/sign-in.mjs';
import { assertPortsFree } from './ports.mjs';
import { stackPorts, startStack } from './lobby/stack.mjs';

/**
 * Order matters: chat first, on a router that has served nothing else; marketplace after the
 * others, because its statement count restarts three subgraphs with their database traffic through
 * a proxy; media last, on processes of its own.
 * `names`: the keys a scenario's figures appear under in latest.json.
 */
export const SCENARIOS = [
  { names: ['chat-fanout'], run: runChatFanout },
  { names: ['sign-in'], run: runSignIn },
  { names: ['marketplace-feed', 'marketplace-search'], run: runMarketplace },
  // Its own media service and worker (ports 5310–5311), beside the idle stack.
  { names: ['media'], run: runMediaThroughput },
];

/**
 * Starts the stack the scenarios share. run.mjs starts it while the standard part starts its
 * gateways, so it waits, idle and parked on core 1, through the standard rounds. A failure is
 * reported when the scenarios run.
 */
export function startScenarioStack({ logDir, log }) {
  const ready = (async () => {
    await assertPortsFree([...stackPorts(), STATEMENT_COUNTER_PORT, MEDIA_PORT, MEDIA_WORKER_PORT]);
    return startStack({ logDir, log });
  })();
  ready.catch(() => {});
  return ready;
}

/** Runs every scenario on the stack, then closes it. Returns { scenarios: { name: figures | null }, failures: { name: reason } }. */
export async function runScenarios({ plan, stackReady, logDir, log }) {
  const scenarios = {};
  const failures = {};
  const fail = (names, error) => {
    for (const name of names) {
      scenarios[name] = null;
      failures[name] = error.message;
    }
    log(`${names.join(', ')}: FAILED — ${error.stack ?? error.message}`);
  };
  let stack;
  try {
    stack = await stackReady;
  } catch (error) {
    fail(SCENARIOS.flatMap((s) => s.names), new Error(`the Lobby stack did not start: ${error.message}`));
    return { scenarios, failures };
  }
  const started = performance.now();
  const chosen = plan.only.length ? SCENARIOS.filter((s) => s.names.some((name) => plan.only.includes(name))) : SCENARIOS;
  try {
    for (const scenario of chosen) {
      const began = performance.now();
      try {
        const result = await scenario.run({ stack, plan, workDir: logDir, log });
        Object.assign(scenarios, scenario.names.length === 1 ? { [scenario.names[0]]: result } : result);
      } catch (error) {
        fail(scenario.names, error);
      }
      log(`${scenario.names.join(', ')}: ${((performance.now() - began) / 1000).toFixed(1)} s`);
    }
  } finally {
    await stack.close();
  }
  log(`scenarios done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { scenarios, failures };
}
