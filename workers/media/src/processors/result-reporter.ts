import { InternalHeader, MEDIA_WORKER_SERVICE, type MediaProcessingResult } from '@lobby/contracts';
import { signServiceRequest } from '@lobby/platform';

export type ReportResult = (result: MediaProcessingResult) => Promise<void>;

/**
 * Tells the media subgraph how a job ended; the subgraph owns the media rows and applies it once
 * (docs/adr/0009-media.md). Any failure to deliver throws, so the job is retried.
 */
export function createResultReporter(options: { resultsUrl: string; signingSecret: string; timeoutMs: number }): ReportResult {
  return async (result) => {
    const body = JSON.stringify(result);
    const response = await fetch(options.resultsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [InternalHeader.SERVICE]: signServiceRequest(MEDIA_WORKER_SERVICE, body, options.signingSecret) },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status !== 200) throw new Error(`the media service answered ${response.status} to the result: ${(await response.text()).slice(0, 300)}`);
    await response.body?.cancel();
  };
}
