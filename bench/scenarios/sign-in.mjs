// signIn (issue 8): the sign-in mutation through the router at a fixed, small concurrency.
// argon2id makes each one cost identity tens of milliseconds of CPU on purpose, so this measures
// how many sign-ins one identity process on one core absorbs, and how long a user waits meanwhile.
import { signUpMany } from '../lib/lobby/client.mjs';
import { measureLoad } from '../lib/lobby/load.mjs';

const ACCOUNTS = 8;
const SIGN_IN = 'mutation SignIn($input: SignInInput!) { signIn(input: $input) { accessToken user { id } } }';

export async function runSignIn({ stack, plan, workDir, log }) {
  stack.unpinForSetup();
  // Several accounts in rotation; every sign-in succeeds, which resets the per-account failure count anyway.
  const accounts = await signUpMany(stack.routerUrl, Array.from({ length: ACCOUNTS }, (_, i) => `SignIn${i}`));
  const requests = accounts.map(({ email, password }) => ({ token: null, body: JSON.stringify({ query: SIGN_IN, variables: { input: { email, password } } }) }));
  const result = await measureLoad({
    stack,
    name: 'sign-in',
    requests,
    mustContain: '"accessToken"',
    connections: plan.signInConnections,
    warmupS: plan.scenarioWarmupS,
    measureS: plan.scenarioMeasureS,
    workDir,
  });
  log(`sign-in: ${result.rps} rps, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, errors ${result.errors}, identity ${result.cpuMsPerOperation.identity} cpu-ms/op`);
  return { accounts: ACCOUNTS, ...result };
}
