import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip.js';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('clientIp', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientIp(request('10.0.0.5', '1.2.3.4'), 0)).toBe('10.0.0.5');
  });

  it('takes the address the trusted proxy saw, not what the client claimed', () => {
    // The client wrote "6.6.6.6"; the one proxy in front appended the real address.
    expect(clientIp(request('10.0.0.5', '6.6.6.6, 198.51.100.9'), 1)).toBe('198.51.100.9');
  });

  it('falls back to the socket when the chain is shorter than the trusted hops', () => {
    expect(clientIp(request('10.0.0.5'), 2)).toBe('10.0.0.5');
  });
});
