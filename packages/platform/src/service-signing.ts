import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs a request a Lobby service makes on its own behalf (no user behind it), such as the media
 * worker reporting a job's outcome to the media subgraph: `s1.<service>.<issued at>.<mac>`, the
 * MAC over all of it and the SHA-256 of the exact body, with the internal signing secret. A
 * different version tag from the router's caller context (signing.ts), so neither header is ever
 * accepted as the other.
 */
const VERSION = 's1';
const TTL_SECONDS = 30;
const CLOCK_SKEW_SECONDS = 5;
const serviceName = /^[a-z][a-z0-9-]{0,40}$/;

export function signServiceRequest(service: string, body: string | Buffer, secret: string, now = Date.now()): string {
  if (!serviceName.test(service)) throw new Error(`Bad service name: ${service}`);
  const issuedAt = String(Math.floor(now / 1000));
  return `${VERSION}.${service}.${issuedAt}.${mac(secret, service, issuedAt, body)}`;
}

export type ServiceVerdict = { ok: true; service: string } | { ok: false; reason: string };

/** Accepts a header from `expectedService`, signed with any of `secrets`, at most 30 s old. */
export function verifyServiceRequest(
  header: string | undefined,
  body: string | Buffer,
  secrets: readonly string[],
  expectedService: string,
  now = Date.now(),
): ServiceVerdict {
  if (!header) return { ok: false, reason: 'missing signature' };
  const [version, service, issuedAt, signature, extra] = header.split('.');
  if (version !== VERSION || !service || !issuedAt || !signature || extra !== undefined) return { ok: false, reason: 'malformed signature' };
  const given = Buffer.from(signature, 'base64url');
  const matches = secrets.some((secret) => {
    const expected = Buffer.from(mac(secret, service, issuedAt, body), 'base64url');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!matches) return { ok: false, reason: 'bad signature' };
  if (service !== expectedService) return { ok: false, reason: `signed by ${service}, not ${expectedService}` };
  const age = Math.floor(now / 1000) - Number(issuedAt);
  if (!Number.isInteger(age) || age > TTL_SECONDS || age < -CLOCK_SKEW_SECONDS) return { ok: false, reason: 'signature expired' };
  return { ok: true, service };
}

function mac(secret: string, service: string, issuedAt: string, body: string | Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return createHmac('sha256', secret).update(`${VERSION}.${service}.${issuedAt}.${bodyHash}`).digest('base64url');
}
