import { ErrorCode } from '@lobby/contracts';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

export interface VerifiedToken {
  userId: string;
  sessionId: string | null;
  /** Lobby-wide roles identity put in the token (`admin`); [] for most users. */
  roles: string[];
  /** Seconds since the epoch, from `exp`. */
  expiresAt: number;
}

export interface AccessTokenVerifierOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

export type AccessTokenVerifier = (token: string) => Promise<VerifiedToken>;

const MAX_TOKEN_LENGTH = 4096;

/**
 * Verifies identity's access tokens against its JWKS: EdDSA only (so `alg: none` and HS256
 * signed with the public key fail), issuer, audience, expiry and not-before, and a `kid` the
 * key set knows. An unknown `kid` refetches the key set at most once a second, which is how a
 * freshly rotated key becomes known.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const keySet = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: 1_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 3_000,
  });
  return async (token) => {
    if (token.length > MAX_TOKEN_LENGTH) throw unauthenticated('Access token is too long.');
    try {
      const { payload } = await jwtVerify(token, keySet, {
        algorithms: ['EdDSA'],
        issuer: options.issuer,
        audience: options.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 5,
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === 'string') : [];
      return { userId: payload.sub!, sessionId: typeof payload.sid === 'string' ? payload.sid : null, roles, expiresAt: payload.exp! };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated('Access token has expired. Refresh it.');
      if (!isKeySetUnreachable(error)) throw unauthenticated('Access token is invalid.');
      throw new GraphQLError('Cannot verify access tokens right now. Try again shortly.', {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503 } },
      });
    }
  };
}

/** A network failure or a bad answer from identity says nothing about the token: that is an outage, not a 401. */
function isKeySetUnreachable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout) return true;
  if (!(error instanceof errors.JOSEError)) return true;
  return /JSON Web Key Set HTTP response/.test(error.message);
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** `Authorization: Bearer <token>` → token; no header → null (anonymous); anything else is refused. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  if (!match) throw unauthenticated('Authorization header must be "Bearer <access token>".');
  return match[1]!;
}
