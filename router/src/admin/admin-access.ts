import type { IncomingMessage } from 'node:http';
import { headerValue } from '@lobby/platform';
import type { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import { bearerToken } from '../auth/access-token-verifier.js';

/** The admin pages' cookie: the admin's own access token, for the browser's page and API requests. */
export const ADMIN_COOKIE = 'lobby_admin';
export const ADMIN_ROLE = 'admin';

export type AdminVerdict = { ok: true; userId: string; expiresAt: number } | { ok: false; status: 401 | 403 | 503; message: string };

/** The token of a request: `Authorization: Bearer …`, or (`cookie: true`) the admin cookie. */
export function adminToken(request: IncomingMessage, options: { cookie: boolean }): string | null {
  const header = headerValue(request, 'authorization');
  if (header) return bearerToken(header);
  if (!options.cookie) return null;
  for (const part of (headerValue(request, 'cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === ADMIN_COOKIE && value.length) return value.join('=');
  }
  return null;
}

/**
 * Admin pages are for users whose access token carries the `admin` role (identity grants it from
 * the command line only): 401 without a valid token, 403 with anyone else's, before anything of
 * the page runs.
 */
export async function checkAdmin(request: IncomingMessage, verify: AccessTokenVerifier, options: { cookie: boolean }): Promise<AdminVerdict> {
  let token: string | null;
  try {
    token = adminToken(request, options);
  } catch {
    return { ok: false, status: 401, message: 'Authorization header must be "Bearer <access token>".' };
  }
  if (!token) return { ok: false, status: 401, message: 'Sign in as an admin.' };
  try {
    const verified = await verify(token);
    if (!verified.roles.includes(ADMIN_ROLE)) return { ok: false, status: 403, message: 'Admins only.' };
    return { ok: true, userId: verified.userId, expiresAt: verified.expiresAt };
  } catch (error) {
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    return code === 'SERVICE_UNAVAILABLE' ? { ok: false, status: 503, message: 'Cannot verify access tokens right now.' } : { ok: false, status: 401, message: 'Access token is invalid or expired.' };
  }
}
