import { describe, expect, it } from 'vitest';
import { bearerToken } from './access-token-verifier.js';

describe('bearerToken', () => {
  it('is null without a header: an anonymous request', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('')).toBeNull();
  });

  it('extracts the token', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'bearer  ', 'Token abc'])('refuses %j with UNAUTHENTICATED', (header) => {
    expect(() => bearerToken(header)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });
});
