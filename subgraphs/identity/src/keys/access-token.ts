import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { KeyRing } from './key-ring.js';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

/** A short-lived EdDSA JWT: `sub` the user, `sid` the session, `roles` the user's Lobby-wide roles, `kid` the key that signed it. */
export async function issueAccessToken(
  keys: KeyRing,
  settings: AccessTokenSettings,
  subject: { userId: string; sessionId: string; roles: readonly string[] },
  now = new Date(),
): Promise<IssuedAccessToken> {
  const { kid, privateKey } = keys.signingKey();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + settings.ttlSeconds;
  const token = await new SignJWT({ sid: subject.sessionId, roles: [...subject.roles] })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setSubject(subject.userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}
