import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type Logger } from '@lobby/platform';
import type { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import { ADMIN_COOKIE, checkAdmin } from './admin-access.js';
import { createQueueDashboard, QUEUE_DASHBOARD_PATH } from './queue-dashboard.js';

export const ADMIN_SESSION_PATH = '/admin/session';

/**
 * The router's admin pages: `POST /admin/session` (with an admin's bearer token) sets a cookie
 * holding that token, so a browser can open `/admin/queues` (the queue dashboard); `DELETE` clears
 * it. The cookie is HttpOnly, SameSite=Strict (no other site can make the browser use it) and
 * scoped to /admin, and lasts no longer than the token. Every request is checked again.
 */
export function createAdminRoutes(options: { verify: AccessTokenVerifier; redisUrl: string; redisKeyPrefix: string; secureCookies: boolean; logger: Logger }) {
  const dashboard = createQueueDashboard(options);
  const cookie = (value: string, maxAge: number) =>
    `${ADMIN_COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${options.secureCookies ? '; Secure' : ''}`;

  async function session(request: IncomingMessage, response: ServerResponse) {
    if (request.method === 'DELETE') return sendJson(response, 200, { ok: true }, { 'set-cookie': cookie('', 0) });
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST, DELETE');
      return sendJson(response, 405, { error: 'Use POST or DELETE.' });
    }
    // The bearer header only: a cookie cannot renew itself, and a cross-site form cannot send the header.
    const verdict = await checkAdmin(request, options.verify, { cookie: false });
    if (!verdict.ok) return sendJson(response, verdict.status, { error: verdict.message });
    const token = request.headers.authorization!.trim().slice('Bearer '.length);
    const maxAge = Math.max(0, verdict.expiresAt - Math.floor(Date.now() / 1000));
    sendJson(response, 200, { ok: true, dashboard: QUEUE_DASHBOARD_PATH }, { 'set-cookie': cookie(token, maxAge) });
  }

  async function queues(request: IncomingMessage, response: ServerResponse) {
    const verdict = await checkAdmin(request, options.verify, { cookie: true });
    if (!verdict.ok) return sendJson(response, verdict.status, { error: verdict.message });
    options.logger.debug({ userId: verdict.userId, path: request.url }, 'queue dashboard');
    dashboard.handle(request, response);
  }

  return {
    /** Whether `path` is an admin page this router serves. */
    handles: (path: string) => path === ADMIN_SESSION_PATH || path === QUEUE_DASHBOARD_PATH || path.startsWith(`${QUEUE_DASHBOARD_PATH}/`),
    handle: (path: string, request: IncomingMessage, response: ServerResponse) => (path === ADMIN_SESSION_PATH ? session(request, response) : queues(request, response)),
    close: () => dashboard.close(),
  };
}
