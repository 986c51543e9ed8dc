import { describe, expect, it } from 'vitest';
import { SIGNATURE_TTL_SECONDS, signCallerContext, verifyCallerContext, type CallerContext } from './signing.js';

const secret = 's'.repeat(40);
const caller: CallerContext = { userId: 'user-1', sessionId: 'session-1', requestId: 'request-1', clientIp: '192.0.2.1' };
const body = '{"query":"{ me { id } }"}';
const now = Date.parse('2026-11-21T12:00:00Z');

describe('signed caller context', () => {
  it('round-trips the caller', () => {
    const header = signCallerContext(caller, body, secret, now);
    expect(verifyCallerContext(header, body, [secret], now)).toEqual({ ok: true, caller });
  });

  it('refuses another body under the same header', () => {
    const header = signCallerContext(caller, body, secret, now);
    expect(verifyCallerContext(header, '{"query":"{ _service { sdl } }"}', [secret], now)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('refuses an edited payload', () => {
    const [version, , mac] = signCallerContext(caller, body, secret, now).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', sid: null, rid: 'r', ip: null, iat: now / 1000, exp: now / 1000 + 30 })).toString('base64url');
    expect(verifyCallerContext(`${version}.${forged}.${mac}`, body, [secret], now)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('refuses another secret, and accepts a previous one during rotation', () => {
    const header = signCallerContext(caller, body, 'p'.repeat(40), now);
    expect(verifyCallerContext(header, body, [secret], now).ok).toBe(false);
    expect(verifyCallerContext(header, body, [secret, 'p'.repeat(40)], now).ok).toBe(true);
  });

  it('expires after its time to live, and refuses one from the future', () => {
    const header = signCallerContext(caller, body, secret, now);
    expect(verifyCallerContext(header, body, [secret], now + (SIGNATURE_TTL_SECONDS + 1) * 1000)).toEqual({ ok: false, reason: 'signature expired' });
    expect(verifyCallerContext(header, body, [secret], now - 60_000)).toEqual({ ok: false, reason: 'signature from the future' });
  });

  it.each([undefined, '', 'v1.only-two', 'v2.a.b', 'v1.a.b.c'])('refuses the malformed header %s', (header) => {
    expect(verifyCallerContext(header, body, [secret], now).ok).toBe(false);
  });
});
