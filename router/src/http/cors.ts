import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS = 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id';

/**
 * Adds CORS headers for allowed origins. Returns true when it answered a preflight itself.
 * Credentials are not allowed: Lobby authenticates with bearer tokens, never cookies.
 */
export function applyCors(request: IncomingMessage, response: ServerResponse, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  const allowed = origin !== undefined && (allowedOrigins.includes(origin) || allowedOrigins.includes('*'));
  if (allowed) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('vary', 'Origin');
  }
  if (request.method !== 'OPTIONS') return false;
  if (allowed) {
    response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    response.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    response.setHeader('access-control-max-age', '600');
  }
  response.writeHead(204).end();
  return true;
}
