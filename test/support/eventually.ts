/** Polls until `check` resolves or the deadline passes (then its last failure is thrown): waiting without sleeping blind. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Polls until `probe` gives something truthy, and returns it; fails naming `what` after `timeoutMs`. */
export function waitFor<T>(what: string, probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  return eventually(async () => {
    const value = await probe();
    if (!value) throw new Error(`timed out waiting for ${what}`);
    return value;
  }, timeoutMs);
}
