// Run plans. Timings are chosen so `pnpm bench --quick` ends inside 2 minutes and the full run
// inside 10, build included, on a 2-core machine.
export const CONNECTIONS = 50;
// The gateway gets core 0 to itself; wrk, the subgraphs and this script share core 1.
export const GATEWAY_CPU = '0';
export const LOAD_CPU = '1';

const PLANS = {
  quick: {
    // 3 s measured (7 before the scenarios joined the run, 5 before media did): room for them
    // inside 2 minutes.
    rounds: 2, firstWarmupS: 3, warmupS: 1, measureS: 3,
    // Lobby scenarios (bench/scenarios/): small, so the whole quick run stays under 2 minutes.
    scenarioWarmupS: 1, scenarioMeasureS: 2, signInConnections: 8,
    chatIdleLevels: [500], chatMessages: 30,
    seed: { users: 500, buildings: 10, listings: 5_000 },
    // Media: images per side (worker, bare sharp), after warm-up images, from this many distinct photos.
    mediaJobs: 2, mediaWarmupJobs: 1, mediaImages: 2,
    // The SQL count restarts three subgraphs (~5 s); statements per operation do not depend on
    // load or data size, so the full run's count stands for both.
    countStatements: false,
  },
  full: {
    // 20 s measured (25 before the scenarios joined the run): room for them inside 10 minutes.
    rounds: 4, firstWarmupS: 10, warmupS: 3, measureS: 20,
    scenarioWarmupS: 3, scenarioMeasureS: 10, signInConnections: 8,
    chatIdleLevels: [1_000, 10_000], chatMessages: 200,
    // `pnpm seed`'s defaults: the data set the marketplace issue defines for benchmarks.
    seed: { users: 5_000, buildings: 50, listings: 50_000 },
    countStatements: true,
    mediaJobs: 24, mediaWarmupJobs: 2, mediaImages: 4,
  },
};

const FLAGS = ['--quick', '--standard-only', '--scenarios-only', '--only=<scenario>'];

/** `--only=<scenario>` runs that one scenario (by the name its figures appear under) and no standard rounds. */
export function parseArgs(argv) {
  const args = new Set(argv);
  const only = argv.filter((arg) => arg.startsWith('--only=')).map((arg) => arg.slice('--only='.length));
  for (const arg of args) {
    if (!FLAGS.includes(arg) && !arg.startsWith('--only=')) throw new Error(`unknown argument ${arg} (accepted: ${FLAGS.join(', ')})`);
  }
  if (args.has('--standard-only') && (args.has('--scenarios-only') || only.length)) {
    throw new Error('--standard-only excludes --scenarios-only and --only');
  }
  const mode = args.has('--quick') ? 'quick' : 'full';
  const scenariosOnly = args.has('--scenarios-only') || only.length > 0;
  return { mode, standard: !scenariosOnly, scenarios: !args.has('--standard-only'), only, ...PLANS[mode] };
}

// Upper bound for the whole run; the watchdog kills everything past it. Each turn also spends
// a few seconds starting wrk and waiting for the gateway to go quiet; startup takes under a minute.
const TURN_OVERHEAD_S = 4;
// The scenarios' bound: starting the stack, creating their rows and subscriptions, measuring.
// (The media scenario adds about 40 s in quick mode and 90 s in full.)
const SCENARIOS_S = { quick: 140, full: 360 };
export function plannedSeconds(plan, systems) {
  const perSystem = plan.firstWarmupS + plan.rounds * (plan.warmupS + plan.measureS + TURN_OVERHEAD_S);
  return (plan.standard ? perSystem * systems + 60 : 0) + (plan.scenarios ? SCENARIOS_S[plan.mode] : 0);
}
