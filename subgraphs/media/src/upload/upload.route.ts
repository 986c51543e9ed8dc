import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UploadRefusedError, UploadTooLargeError, type LocalDiskStorage, type UrlVerifier } from '@lobby/object-storage';
import { headerValue, sendJson, type Logger, type RouteHandler } from '@lobby/platform';
import { Media } from '../media/media.entity.js';
import { MediaStatus } from '../media/media.status.js';
import { refusalOf, sniffImageType, SNIFF_LENGTH } from './image-type.js';

/** Answers and closes the connection: the rest of a refused body is never read. */
function refuse(response: ServerResponse, request: IncomingMessage, status: number, message: string) {
  response.once('finish', () => request.destroy());
  sendJson(response, status, { error: message }, { connection: 'close' });
}

/**
 * `PUT /media/upload?…&sig=…`: the signed upload URL of local-disk storage. The URL allows one
 * key, one content type and at most the declared size until it expires; the media must still be
 * waiting for its upload. A body longer than allowed is refused from its Content-Length, or as
 * soon as it passes the size while streaming, and one whose first bytes are not an accepted image
 * as soon as they arrive — nothing refused is ever stored under the key.
 */
export function uploadRoute(options: { storage: LocalDiskStorage; verifier: UrlVerifier; em: () => EntityManager; logger: Logger }): RouteHandler {
  return async (request, response) => {
    if (request.method !== 'PUT') {
      response.setHeader('allow', 'PUT');
      return refuse(response, request, 405, 'Use PUT.');
    }
    const grant = options.verifier.upload(new URL(request.url ?? '/', 'http://upload').searchParams);
    if (!grant) return refuse(response, request, 403, 'This upload URL is invalid or has expired.');
    if (headerValue(request, 'content-type') !== grant.contentType) return refuse(response, request, 400, `Send content-type: ${grant.contentType}.`);
    const declared = Number(headerValue(request, 'content-length'));
    if (Number.isFinite(declared) && declared > grant.maxBytes) return refuse(response, request, 413, `The body may be at most ${grant.maxBytes} bytes.`);
    const media = await options.em().findOne(Media, { originalKey: grant.key });
    if (media?.status !== MediaStatus.PENDING_UPLOAD) return refuse(response, request, 409, 'This media is no longer waiting for an upload.');
    try {
      const size = await options.storage.receive(grant.key, request, {
        maxBytes: grant.maxBytes,
        startLength: SNIFF_LENGTH,
        checkStart: (start) => {
          const refusal = refusalOf(sniffImageType(start));
          if (refusal) throw new UploadRefusedError(refusal);
        },
      });
      sendJson(response, 200, { byteSize: size });
    } catch (error) {
      if (error instanceof UploadTooLargeError) return refuse(response, request, 413, error.message);
      if (error instanceof UploadRefusedError) return refuse(response, request, 415, error.message);
      options.logger.warn({ err: error, key: grant.key }, 'upload failed');
      if (!response.headersSent) refuse(response, request, 500, 'The upload failed; try again.');
    }
  };
}
