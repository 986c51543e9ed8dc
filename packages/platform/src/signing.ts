import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Who is calling, as the router vouches for it to a subgraph. */
export interface CallerContext {
  /** The authenticated user, or null for an anonymous request. */
  userId: string | null;
  /** The identity session the access token belongs to. */
  sessionId: string | null;
  requestId: string;
  /** The client's address as the router saw it; subgraphs rate-limit on it. */
  clientIp: string | null;
}

interface SignedPayload {
  sub: string | null;
  sid: string | null;
  rid: string;
  ip: string | null;
  iat: number;
  exp: number;
}

const VERSION = 'v1';
/** Long enough for a slow subgraph fetch to start, short enough that a leaked header soon dies. */
export const SIGNATURE_TTL_SECONDS = 30;
const CLOCK_SKEW_SECONDS = 5;

/**
 * `v1.<payload>.<mac>`: the MAC covers the payload and the SHA-256 of the exact request body,
 * so a captured header cannot carry another query, and expires within seconds.
 * See docs/adr/0002-signed-subgraph-context.md.
 */
export function signCallerContext(caller: CallerContext, body: string, secret: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const payload: SignedPayload = {
    sub: caller.userId,
    sid: caller.sessionId,
    rid: caller.requestId,
    ip: caller.clientIp,
    iat,
    exp: iat + SIGNATURE_TTL_SECONDS,
  };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${VERSION}.${encoded}.${mac(secret, encoded, body)}`;
}

export type VerifyResult = { ok: true; caller: CallerContext } | { ok: false; reason: string };

/** Accepts a header signed with any of `secrets` (the current one first, then one being rotated out). */
export function verifyCallerContext(
  header: string | undefined,
  body: string | Buffer,
  secrets: readonly string[],
  now = Date.now(),
): VerifyResult {
  if (!header) return { ok: false, reason: 'missing signature' };
  const [version, encoded, signature, extra] = header.split('.');
  if (version !== VERSION || !encoded || !signature || extra !== undefined) {
    return { ok: false, reason: 'malformed signature' };
  }
  const given = Buffer.from(signature, 'base64url');
  const matches = secrets.some((secret) => {
    const expected = Buffer.from(mac(secret, encoded, body), 'base64url');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!matches) return { ok: false, reason: 'bad signature' };

  let payload: SignedPayload;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as SignedPayload;
  } catch {
    return { ok: false, reason: 'malformed payload' };
  }
  const seconds = Math.floor(now / 1000);
  if (typeof payload.exp !== 'number' || payload.exp < seconds) return { ok: false, reason: 'signature expired' };
  if (typeof payload.iat !== 'number' || payload.iat > seconds + CLOCK_SKEW_SECONDS) {
    return { ok: false, reason: 'signature from the future' };
  }
  return {
    ok: true,
    caller: { userId: payload.sub, sessionId: payload.sid, requestId: payload.rid, clientIp: payload.ip },
  };
}

function mac(secret: string, encodedPayload: string, body: string | Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return createHmac('sha256', secret).update(`${VERSION}.${encodedPayload}.${bodyHash}`).digest('base64url');
}
