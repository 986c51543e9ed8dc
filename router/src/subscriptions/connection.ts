import type { CallerContext } from '@lobby/platform';
import type { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import { bearerToken } from '../auth/access-token-verifier.js';

/** Who is on one WebSocket connection: set by `connection_init`, renewed by a ping carrying a new token. */
export interface ConnectionState {
  userId: string | null;
  sessionId: string | null;
  clientIp: string | null;
  /** Seconds since the epoch; null for an anonymous connection. */
  tokenExpiresAt: number | null;
  /** Ends every subscription of the connection (token expired, shutdown). */
  readonly streams: Set<{ expire(): void }>;
  expiryTimer: NodeJS.Timeout | null;
}

export function callerOf(state: ConnectionState, requestId: string): CallerContext {
  return { userId: state.userId, sessionId: state.sessionId, requestId, clientIp: state.clientIp };
}

/**
 * Reads `connectionParams.authorization` ("Bearer <access token>") into a connection state; no
 * value is an anonymous connection. Throws UNAUTHENTICATED for a bad token.
 */
export async function authenticate(
  verify: AccessTokenVerifier,
  authorization: unknown,
  clientIp: string | null,
): Promise<Omit<ConnectionState, 'streams' | 'expiryTimer'>> {
  const token = bearerToken(typeof authorization === 'string' ? authorization : undefined);
  if (!token) return { userId: null, sessionId: null, clientIp, tokenExpiresAt: null };
  const verified = await verify(token);
  return { userId: verified.userId, sessionId: verified.sessionId, clientIp, tokenExpiresAt: verified.expiresAt };
}

/** When the token expires every live subscription of the connection ends with UNAUTHENTICATED, unless a newer token arrived. */
export function scheduleExpiry(state: ConnectionState): void {
  if (state.expiryTimer) clearTimeout(state.expiryTimer);
  state.expiryTimer = null;
  if (state.tokenExpiresAt === null) return;
  const inMs = Math.max(0, state.tokenExpiresAt * 1000 - Date.now());
  state.expiryTimer = setTimeout(() => {
    for (const stream of state.streams) stream.expire();
  }, inMs);
  state.expiryTimer.unref();
}
