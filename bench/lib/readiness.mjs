// Waits, within a time bound, until a started process answers; fails fast if it exits.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function answers(url, init) {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Resolves once `url` returns 200 (with `init`), rejects after timeoutMs or if proc exits. */
export async function waitFor200(proc, url, { timeoutMs = 60_000, init } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exited) {
      throw new Error(`${proc.name} exited (${proc.exited.code ?? proc.exited.signal}); see ${proc.logFile}`);
    }
    if (await answers(url, init)) return;
    await sleep(250);
  }
  throw new Error(`${proc.name} not ready at ${url} after ${timeoutMs / 1000}s; see ${proc.logFile}`);
}
