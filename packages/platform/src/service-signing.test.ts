import { describe, expect, it } from 'vitest';
import { signCallerContext } from './signing.js';
import { signServiceRequest, verifyServiceRequest } from './service-signing.js';

const secret = 's'.repeat(40);
const body = '{"mediaId":"x"}';

describe('service request signing', () => {
  it('accepts a fresh signature of the expected service over the same body', () => {
    expect(verifyServiceRequest(signServiceRequest('media-worker', body, secret), body, [secret], 'media-worker')).toEqual({ ok: true, service: 'media-worker' });
  });

  it('refuses another body, another secret, another service, an old signature and a router caller header', () => {
    const header = signServiceRequest('media-worker', body, secret);
    expect(verifyServiceRequest(header, `${body} `, [secret], 'media-worker').ok).toBe(false);
    expect(verifyServiceRequest(header, body, ['t'.repeat(40)], 'media-worker').ok).toBe(false);
    expect(verifyServiceRequest(header, body, [secret], 'billing-worker')).toMatchObject({ ok: false, reason: 'signed by media-worker, not billing-worker' });
    const old = signServiceRequest('media-worker', body, secret, Date.now() - 60_000);
    expect(verifyServiceRequest(old, body, [secret], 'media-worker')).toMatchObject({ ok: false, reason: 'signature expired' });
    const routerHeader = signCallerContext({ userId: null, sessionId: null, requestId: 'r-12345678', clientIp: null }, body, secret);
    expect(verifyServiceRequest(routerHeader, body, [secret], 'media-worker').ok).toBe(false);
    expect(verifyServiceRequest(undefined, body, [secret], 'media-worker').ok).toBe(false);
  });
});
