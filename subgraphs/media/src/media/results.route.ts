import type { EntityManager } from '@mikro-orm/postgresql';
import { InternalHeader, MEDIA_WORKER_SERVICE, mediaProcessingResult } from '@lobby/contracts';
import { headerValue, readBody, sendJson, verifyServiceRequest, type Logger, type RouteHandler } from '@lobby/platform';
import { finishProcessing } from './media.finish.js';

/**
 * `POST /internal/media/results`: the media worker reports how a job ended. Only the worker may
 * call it (a service signature bound to the body, docs/adr/0009-media.md); the outcome is applied
 * by `finishProcessing`, which makes a repeated report harmless.
 */
export function resultsRoute(options: { em: () => EntityManager; signingSecrets: readonly string[]; logger: Logger }): RouteHandler {
  return async (request, response) => {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      return sendJson(response, 405, { error: 'Use POST.' });
    }
    const body = await readBody(request, 64 * 1024);
    const verdict = verifyServiceRequest(headerValue(request, InternalHeader.SERVICE), body, options.signingSecrets, MEDIA_WORKER_SERVICE);
    if (!verdict.ok) {
      options.logger.warn({ reason: verdict.reason, remote: request.socket.remoteAddress }, 'refused unsigned media result');
      return sendJson(response, 401, { error: 'Only the media worker may report results.' });
    }
    let parsed;
    try {
      parsed = mediaProcessingResult.parse(JSON.parse(body.toString('utf8')));
    } catch (error) {
      return sendJson(response, 400, { error: `Not a media result: ${(error as Error).message.slice(0, 300)}` });
    }
    const outcome = await finishProcessing(options.em(), parsed);
    if (!outcome.found) return sendJson(response, 404, { error: 'No such media.' });
    options.logger.info({ mediaId: parsed.mediaId, status: outcome.status, changed: outcome.changed }, 'media processing finished');
    sendJson(response, 200, outcome);
  };
}
