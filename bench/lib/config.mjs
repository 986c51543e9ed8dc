// Run plans. Timings are chosen so `pnpm bench --quick` ends well inside 2 minutes and the full
// run inside 10, build included, on a 2-core machine.
export const CONNECTIONS = 50;
// The gateway gets core 0 to itself; wrk, the subgraphs and this script share core 1.
export const GATEWAY_CPU = '0';
export const LOAD_CPU = '1';

const PLANS = {
  quick: { rounds: 2, firstWarmupS: 4, warmupS: 2, measureS: 7 },
  full: { rounds: 4, firstWarmupS: 10, warmupS: 3, measureS: 25 },
};

export function parseArgs(argv) {
  const args = new Set(argv);
  for (const arg of args) {
    if (arg !== '--quick') throw new Error(`unknown argument ${arg} (only --quick is accepted)`);
  }
  const mode = args.has('--quick') ? 'quick' : 'full';
  return { mode, ...PLANS[mode] };
}

// Upper bound for the whole run; the watchdog kills everything past it. Each turn also spends
// a few seconds starting wrk and waiting for the gateway to go quiet; startup takes under a minute.
const TURN_OVERHEAD_S = 4;
export function plannedSeconds(plan, systems) {
  const perSystem = plan.firstWarmupS + plan.rounds * (plan.warmupS + plan.measureS + TURN_OVERHEAD_S);
  return perSystem * systems + 60;
}
