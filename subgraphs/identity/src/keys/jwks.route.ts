import { sendJson, type RouteHandler } from '@lobby/platform';
import type { KeyRing } from './key-ring.js';

/** `GET /.well-known/jwks.json`: public keys only, cacheable for a minute so rotations spread fast. */
export function jwksRoute(keys: KeyRing): RouteHandler {
  return (_request, response) => sendJson(response, 200, keys.jwks(), { 'cache-control': 'public, max-age=60' });
}
