import type { AccessTokenVerifier, VerifiedToken } from './access-token-verifier.js';

interface Entry {
  token: VerifiedToken;
  expiresAtMs: number;
}

/**
 * Remembers tokens that passed verification until they expire. Verifying an EdDSA JWT costs
 * about 190 µs of CPU here (see router/README.md); a hit costs well under a microsecond. Only
 * successes are cached, so a forged token is verified (and refused) every time. Bounded: when
 * full, the oldest entry makes room.
 */
export function cacheVerifiedTokens(verify: AccessTokenVerifier, maxEntries = 10_000, now = () => Date.now()): AccessTokenVerifier {
  const entries = new Map<string, Entry>();
  return async (token) => {
    const hit = entries.get(token);
    if (hit && hit.expiresAtMs > now()) return hit.token;
    if (hit) entries.delete(token);
    const verified = await verify(token);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(token, { token: verified, expiresAtMs: verified.expiresAt * 1000 });
    return verified;
  };
}
