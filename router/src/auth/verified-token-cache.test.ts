import { describe, expect, it } from 'vitest';
import type { VerifiedToken } from './access-token-verifier.js';
import { cacheVerifiedTokens } from './verified-token-cache.js';

function countingVerifier(expiresAt = 2_000) {
  const calls: string[] = [];
  const verify = async (token: string): Promise<VerifiedToken> => {
    calls.push(token);
    if (token.startsWith('bad')) throw new Error('invalid');
    return { userId: `user-of-${token}`, sessionId: null, roles: [], expiresAt };
  };
  return { verify, calls };
}

describe('cacheVerifiedTokens', () => {
  it('verifies a good token once while it is valid', async () => {
    const { verify, calls } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, 10, () => 1_000_000);
    expect(await cached('a')).toMatchObject({ userId: 'user-of-a' });
    expect(await cached('a')).toMatchObject({ userId: 'user-of-a' });
    expect(calls).toEqual(['a']);
  });

  it('never caches a refusal', async () => {
    const { verify, calls } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, 10, () => 1_000_000);
    await expect(cached('bad')).rejects.toThrow('invalid');
    await expect(cached('bad')).rejects.toThrow('invalid');
    expect(calls).toEqual(['bad', 'bad']);
  });

  it('verifies again once the token has expired', async () => {
    let now = 1_000_000;
    const { verify, calls } = countingVerifier(1_001);
    const cached = cacheVerifiedTokens(verify, 10, () => now);
    await cached('a');
    now = 1_001_000;
    await cached('a');
    expect(calls).toEqual(['a', 'a']);
  });

  it('stays within its size, dropping the oldest entry', async () => {
    const { verify, calls } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, 2, () => 1_000_000);
    await cached('a');
    await cached('b');
    await cached('c');
    await cached('b');
    await cached('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
