import type { ObjectStorage, UrlVerifier } from '@lobby/object-storage';
import { sendJson, type RouteHandler } from '@lobby/platform';

const contentTypes: Record<string, string> = { webp: 'image/webp', avif: 'image/avif', jpg: 'image/jpeg' };

/** `GET /media/file?key=…&exp=…&sig=…`: a variant of local-disk storage, for whoever holds the signed URL until it expires. */
export function fileRoute(options: { storage: ObjectStorage; verifier: UrlVerifier }): RouteHandler {
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return sendJson(response, 405, { error: 'Use GET.' });
    }
    const query = new URL(request.url ?? '/', 'http://file').searchParams;
    const key = options.verifier.download(query);
    // Originals are never served: only what the worker made from them.
    if (!key || !key.startsWith('variants/')) return sendJson(response, 403, { error: 'This URL is invalid or has expired.' });
    if (!(await options.storage.stat(key))) return sendJson(response, 404, { error: 'Not found.' });
    const body = await options.storage.read(key);
    const maxAge = Math.max(0, Number(query.get('exp')) - Math.floor(Date.now() / 1000));
    response.writeHead(200, {
      'content-type': contentTypes[key.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': `private, max-age=${maxAge}, immutable`,
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
