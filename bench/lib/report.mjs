// Turns measured rounds into the published figures: bench/results/latest.{json,md} plus dated
// copies. Throughput and per-query costs are totals over all measured windows; latencies are the
// median over rounds (wrk reports percentiles per run, which cannot be merged exactly).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioMarkdown } from './scenario-report.mjs';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));
const RATIO_METRICS = ['rps', 'p50Ms', 'p99Ms', 'cpuMsPerQuery', 'peakRssMb', 'subgraphRequestsPerQuery'];

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** turns: the measured windows of one system; peakRssMb: its VmHWM at the end of the run. */
export function summarise(turns, peakRssMb) {
  const completed = sum(turns.map((t) => t.requests));
  // Per-query costs divide by requests sent: the ones in flight at the end were served too.
  const sent = sum(turns.map((t) => t.sent));
  const perQuery = (total) => (sent ? total / sent : null);
  return {
    rps: round(completed / sum(turns.map((t) => t.seconds)), 1),
    p50Ms: round(median(turns.map((t) => t.p50Ms))),
    p99Ms: round(median(turns.map((t) => t.p99Ms))),
    cpuMsPerQuery: round(perQuery(sum(turns.map((t) => t.cpuMs))), 3),
    peakRssMb: round(peakRssMb, 1),
    errors: sum(turns.map((t) => t.errors)),
    subgraphRequestsPerQuery: round(perQuery(sum(turns.map((t) => t.subgraphRequests)))),
  };
}

/** Adds ratioVsStock to each summary: value ÷ baseline value, per metric (errors excluded). */
export function withRatios(standard, baseline) {
  const base = standard[baseline];
  return Object.fromEntries(
    Object.entries(standard).map(([name, s]) => {
      if (!s || !base) return [name, s ? { ...s, ratioVsStock: null } : null];
      const ratioVsStock = Object.fromEntries(
        RATIO_METRICS.map((m) => [m, base[m] ? round(s[m] / base[m]) : null]),
      );
      return [name, { ...s, ratioVsStock }];
    }),
  );
}

export function standardMarkdown({ machine, standard }, rounds, labels) {
  const run = machine.run;
  const fmt = (s, m) => `${s[m]}${s.ratioVsStock?.[m] != null ? ` (${s.ratioVsStock[m]}×)` : ''}`;
  const lines = [
    `Standard federation benchmark (graphql-gateways-benchmark workload), ${run.mode} mode: ` +
      `${run.rounds} interleaved rounds × ${run.measureS}s measured per gateway, ${run.connections} connections, ` +
      `gateway on core ${run.gatewayCpu}, wrk + subgraphs on core ${run.loadCpu}.`,
    '',
    '| gateway | RPS | p50 ms | p99 ms | CPU ms/query | peak RSS MB | errors | subgraph req/query | response |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, s] of Object.entries(standard)) {
    const check = run.responseCheck[name] ?? 'not run';
    if (!s) {
      lines.push(`| ${labels[name]} | — | — | — | — | — | — | — | ${check} |`);
      continue;
    }
    lines.push(
      `| ${labels[name]} | ${fmt(s, 'rps')} | ${fmt(s, 'p50Ms')} | ${fmt(s, 'p99Ms')} | ${fmt(s, 'cpuMsPerQuery')} | ` +
        `${fmt(s, 'peakRssMb')} | ${s.errors} | ${fmt(s, 'subgraphRequestsPerQuery')} | ${check} |`,
    );
  }
  lines.push('', '(×) = ratio to stock @apollo/gateway. Higher RPS is better; lower everything else.', '');
  lines.push('RPS per round (A B C order within each round):', '');
  lines.push(`| gateway | ${rounds[Object.keys(rounds)[0]]?.map((_, i) => `round ${i + 1}`).join(' | ') ?? ''} |`);
  lines.push(`|---|${(rounds[Object.keys(rounds)[0]] ?? []).map(() => '---').join('|')}|`);
  for (const [name, turns] of Object.entries(rounds)) {
    lines.push(`| ${labels[name]} | ${turns.map((t) => round(t.requests / t.seconds, 1)).join(' | ')} |`);
  }
  const problems = Object.entries(run.failures ?? {});
  if (problems.length) {
    lines.push('', 'Not measured:', '', ...problems.map(([name, why]) => `- ${labels[name]}: ${why}`));
  }
  return lines;
}

function markdown(result, rounds, labels) {
  const { machine } = result;
  const run = machine.run;
  const lines = [
    `# Gateway benchmark — ${run.date}`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}, ${machine.loadGenerator}. ` +
      `Load average at start ${machine.loadAverageAtStart.join(' / ')}, at end ${run.loadAverageAtEnd.join(' / ')}; the run took ${run.durationS} s.`,
    '',
  ];
  if (run.parts.includes('standard')) lines.push(...standardMarkdown(result, rounds, labels), '');
  if (run.parts.includes('scenarios')) lines.push(...scenarioMarkdown(result.scenarios, run), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * Writes results/<date>-<mode>.{json,md}, and latest.{json,md} for a complete run: a run of one
 * part (--standard-only, --scenarios-only) gets its dated copy only, so latest stays one whole run.
 */
export function writeResults(result, rounds, labels) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const { date, mode, parts } = result.machine.run;
  const partial = parts.length === 1;
  const stamp = `${date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}-${mode}${partial ? `-${parts[0]}-only` : ''}`;
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const md = markdown(result, rounds, labels);
  for (const name of partial ? [stamp] : ['latest', stamp]) {
    writeFileSync(`${RESULTS_DIR}${name}.json`, json);
    writeFileSync(`${RESULTS_DIR}${name}.md`, md);
  }
  return { files: `${RESULTS_DIR}${partial ? stamp : `{latest,${stamp}}`}.{json,md}`, markdown: md };
}
