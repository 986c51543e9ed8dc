// Drives one closed-loop load run with wrk and returns what it measured. wrk was chosen over
// k6 (not installable here) and autocannon (costs more CPU on the shared load core).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONNECTIONS, LOAD_CPU } from './config.mjs';
import { runToEnd } from './processes.mjs';

const SCRIPT = fileURLToPath(new URL('./wrk/test-query.lua', import.meta.url));

export function assertWrkInstalled() {
  try {
    execFileSync('wrk', ['-v'], { stdio: 'ignore' });
  } catch (error) {
    // `wrk -v` prints its banner and exits 1; only a missing binary is a problem.
    if (error.code !== 'ENOENT') return;
    console.error('wrk is not installed. Install it with:\n  apt-get update && apt-get install -y wrk');
    process.exit(1);
  }
}

/**
 * Runs wrk with a Lua script that prints BENCH_RESULT (wrk/*.lua) for `seconds` at `connections`.
 * Returns { sent, requests (completed), seconds, p50Ms, p99Ms, errors, sample }.
 */
export async function runWrkScript({ url, seconds, connections = CONNECTIONS, script, env }) {
  const stdout = await runToEnd({
    command: 'taskset',
    args: ['-c', LOAD_CPU, 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, url],
    env,
    timeoutMs: (seconds + 30) * 1000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout.slice(0, 1000)}`);
  const r = JSON.parse(line.slice('BENCH_RESULT '.length));
  return {
    sent: r.sent,
    requests: r.requests,
    seconds: r.durationUs / 1e6,
    p50Ms: r.p50Us / 1000,
    p99Ms: r.p99Us / 1000,
    errors: r.socketErrors + r.badStatus + r.badSize + r.graphqlErrors,
    sample: stdout.split('\n').find((l) => l.startsWith('BENCH_SAMPLE ')) ?? null,
  };
}

/** Posts the JSON in bodyFile (TestQuery) to url for `seconds` at CONNECTIONS connections. */
export function runWrk({ url, seconds, expectedBytes, bodyFile }) {
  return runWrkScript({ url, seconds, script: SCRIPT, env: { BENCH_BODY_FILE: bodyFile, BENCH_EXPECTED_BYTES: String(expectedBytes) } });
}

const REQUESTS_SCRIPT = fileURLToPath(new URL('./wrk/requests.lua', import.meta.url));

/**
 * Sends a rotation of GraphQL requests ({ token, body } each; token may be null) and checks that
 * every answer is 200, has no errors and contains `mustContain`.
 */
export function runWrkRequests({ url, seconds, connections, requests, mustContain, workDir, name }) {
  const file = join(workDir, `${name}-requests.txt`);
  writeFileSync(file, requests.map(({ token, body }) => `${token ?? '-'}\t${body}`).join('\n'));
  return runWrkScript({ url, seconds, connections, script: REQUESTS_SCRIPT, env: { BENCH_REQUESTS_FILE: file, BENCH_MUST_CONTAIN: mustContain } });
}
