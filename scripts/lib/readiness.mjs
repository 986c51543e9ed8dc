const POLL_MS = 250;

/**
 * Polls every service's /health/ready until each answers 200. Rejects after `timeoutMs` with an
 * error naming each service that is still not ready and what it last answered.
 * @param {{ name: string, readyUrl: string }[]} services
 */
export async function waitUntilReady(services, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const last = new Map(services.map((s) => [s.name, 'no answer yet']));
  const pending = new Set(services);
  while (pending.size > 0) {
    await Promise.all(
      [...pending].map(async (service) => {
        try {
          const response = await fetch(service.readyUrl, { signal: AbortSignal.timeout(2000) });
          await response.body?.cancel();
          if (response.status === 200) pending.delete(service);
          else last.set(service.name, `HTTP ${response.status}`);
        } catch (error) {
          last.set(service.name, error.cause?.code ?? error.name ?? String(error));
        }
      }),
    );
    if (pending.size === 0) return;
    if (Date.now() >= deadline) {
      const names = [...pending].map((s) => `${s.name} (${s.readyUrl}: ${last.get(s.name)})`);
      throw new Error(`not ready after ${Math.round(timeoutMs / 1000)} s: ${names.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
