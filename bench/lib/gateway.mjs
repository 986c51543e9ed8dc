// Brings one gateway up on the gateway core and checks its answer to TestQuery before any load:
// a gateway that answers wrongly is reported, never benchmarked.
import { GATEWAY_CPU } from './config.mjs';
import { startPinned, stop } from './processes.mjs';
import { waitFor200 } from './readiness.mjs';
import { checkResponse, postTestQuery, REQUEST_BODY } from './test-query.mjs';

const START_TIMEOUT_MS = 60_000;

function describe(check) {
  if (check.byteIdentical) return 'byte-identical';
  if (check.semantic) return 'semantically equal';
  return `DIFFERENT (status ${check.status}, ${check.bytes} bytes)`;
}

/** Returns { proc, check, verdict } or throws with the reason the gateway cannot be measured. */
export async function startGateway(system, supergraphPath, logDir) {
  const missing = system.missing();
  if (missing) throw new Error(missing);
  const proc = startPinned({ name: system.name, cpu: GATEWAY_CPU, logDir, ...system.start(supergraphPath) });
  try {
    if (system.readyUrl) await waitFor200(proc, system.readyUrl, { timeoutMs: START_TIMEOUT_MS });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: REQUEST_BODY };
    // Once a readiness endpoint said yes, TestQuery should work at once; otherwise it is the probe.
    const timeoutMs = system.readyUrl ? 10_000 : START_TIMEOUT_MS;
    await waitFor200(proc, system.url, { timeoutMs, init }).catch(async (error) => {
      // Say what it answered instead, which is more useful than "not ready".
      const answer = await postTestQuery(system.url).catch(() => null);
      throw answer ? new Error(`TestQuery → ${answer.status}: ${answer.text.slice(0, 300)}`) : error;
    });
    const check = checkResponse(await postTestQuery(system.url));
    if (check.status !== 200 || check.hasErrors) {
      throw new Error(`TestQuery → ${check.status}: ${check.sample}`);
    }
    return { proc, check, verdict: describe(check) };
  } catch (error) {
    await stop(proc);
    throw error;
  }
}
