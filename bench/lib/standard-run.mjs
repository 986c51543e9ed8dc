// The standard federation benchmark: compose, start the subgraphs and the three gateways, verify
// each one's TestQuery answer, then interleaved rounds (A B C, A B C, …) so that drift on a shared
// machine hits all three alike. Returns the figures and the rounds for the report.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from '../standard/compose.mjs';
import { CONNECTIONS, GATEWAY_CPU, LOAD_CPU } from './config.mjs';
import { startGateway } from './gateway.mjs';
import { measureTurn } from './measure.mjs';
import { assertPortsFree, SUBGRAPH_ORIGIN, SUBGRAPH_PORT } from './ports.mjs';
import { startPinned, stop } from './processes.mjs';
import { peakRssMb } from './proc-stats.mjs';
import { waitFor200 } from './readiness.mjs';
import { summarise, withRatios } from './report.mjs';
import { BASELINE, SYSTEMS } from './systems.mjs';
import { EXPECTED_BYTES, REQUEST_BODY } from './test-query.mjs';

/**
 * Returns { standard, rounds, run } (run: settings, response checks, failures). `beforeRounds`
 * runs once every gateway is up, before anything is measured.
 */
export async function runStandard({ plan, logDir, log, beforeRounds = async () => {}, systems = SYSTEMS }) {
  const bodyFile = join(logDir, 'request-body.json');
  writeFileSync(bodyFile, REQUEST_BODY);
  await assertPortsFree([SUBGRAPH_PORT, ...systems.map((system) => Number(new URL(system.url).port))]);
  const supergraphPath = composeSupergraph();

  const subgraphs = startPinned({
    name: 'subgraphs',
    cpu: LOAD_CPU,
    command: process.execPath,
    args: [fileURLToPath(new URL('../standard/subgraph-server.mjs', import.meta.url))],
    env: { NODE_ENV: 'production' },
    logDir,
  });
  const running = new Map();
  try {
    await waitFor200(subgraphs, `${SUBGRAPH_ORIGIN}/health`, { timeoutMs: 30_000 });
    const failures = {};
    const responseCheck = {};
    for (const system of systems) {
      try {
        const { proc, check, verdict } = await startGateway(system, supergraphPath, logDir);
        // Size every response must have: the verified answer's, or the expected one if it differs
        // (then every response counts as an error).
        running.set(system.name, { proc, expectedBytes: check.semantic ? check.bytes : EXPECTED_BYTES });
        responseCheck[system.name] = verdict;
        log(`${system.name}: up (pid ${proc.pid}), TestQuery response ${verdict}`);
      } catch (error) {
        failures[system.name] = error.message;
        log(`${system.name}: NOT MEASURED — ${error.message}`);
      }
    }

    await beforeRounds();
    const rounds = Object.fromEntries([...running.keys()].map((name) => [name, []]));
    for (let r = 0; r < plan.rounds; r += 1) {
      for (const system of systems) {
        const entry = running.get(system.name);
        if (!entry) continue;
        try {
          if (entry.proc.exited) throw new Error(`exited (${entry.proc.exited.code ?? entry.proc.exited.signal})`);
          const warmupS = r === 0 ? plan.firstWarmupS : plan.warmupS;
          const turn = await measureTurn({ system, proc: entry.proc, warmupS, measureS: plan.measureS, bodyFile, expectedBytes: entry.expectedBytes });
          rounds[system.name].push(turn);
          log(
            `round ${r + 1}/${plan.rounds} ${system.name}: ${(turn.requests / turn.seconds).toFixed(1)} rps, ` +
              `p99 ${turn.p99Ms.toFixed(1)} ms, ${(turn.cpuMs / turn.sent).toFixed(2)} cpu-ms/q, ${(turn.subgraphRequests / turn.sent).toFixed(2)} subgraph req/q, errors ${turn.errors}` +
              (turn.sample ? `\n        first bad response: ${turn.sample.slice(0, 300)}` : ''),
          );
        } catch (error) {
          failures[system.name] = `round ${r + 1}: ${error.message}; see ${entry.proc.logFile}`;
          log(`${system.name}: dropped — ${failures[system.name]}`);
          running.delete(system.name);
        }
      }
    }

    const standard = {};
    for (const system of systems) {
      const turns = rounds[system.name] ?? [];
      const entry = running.get(system.name);
      standard[system.name] = entry && turns.length === plan.rounds ? summarise(turns, peakRssMb(entry.proc.pid)) : null;
    }
    const run = {
      rounds: plan.rounds, firstWarmupS: plan.firstWarmupS, warmupS: plan.warmupS, measureS: plan.measureS,
      connections: CONNECTIONS, gatewayCpu: GATEWAY_CPU, loadCpu: LOAD_CPU, responseCheck, failures,
    };
    return { standard: withRatios(standard, BASELINE), rounds, run };
  } finally {
    // The scenarios need the cores to themselves.
    await Promise.all([subgraphs, ...[...running.values()].map((entry) => entry.proc)].map((proc) => stop(proc)));
  }
}
