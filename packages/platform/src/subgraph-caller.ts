import { InternalHeader } from '@lobby/contracts';
import { Pool } from 'undici';
import { signCallerContext, type CallerContext } from './signing.js';

export class SubgraphCallError extends Error {}

export interface SubgraphCaller {
  /** Posts a GraphQL operation as `caller`; resolves with the parsed JSON answer. Throws SubgraphCallError when there is none. */
  query(caller: CallerContext, query: string, variables: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * How one subgraph asks another something through that subgraph's published contract, as the
 * same caller: signed with the caller's own context, so the other subgraph answers exactly what
 * it would answer the caller through the router — never more. Kept-alive connections and a
 * deadline, since it sits inside a request.
 */
export function createSubgraphCaller(options: { url: string; signingSecret: string; timeoutMs: number }): SubgraphCaller {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, {
    connections: 32,
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs },
  });
  return {
    async query(caller, query, variables) {
      const body = JSON.stringify({ query, variables });
      // AbortSignal.timeout's deadline, with the same reason, but cleared once answered: its own
      // timer fires after every call, building a DOMException (and its stack) nobody reads.
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), options.timeoutMs);
      try {
        const response = await pool.request({
          path: `${target.pathname}${target.search}`,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [InternalHeader.CONTEXT]: signCallerContext(caller, body, options.signingSecret),
            [InternalHeader.REQUEST_ID]: caller.requestId,
          },
          body,
          signal: deadline.signal,
        });
        if (response.statusCode !== 200) {
          await response.body.dump();
          throw new Error(`answered HTTP ${response.statusCode}`);
        }
        return await response.body.json();
      } catch (error) {
        throw new SubgraphCallError(`${target.host} did not answer: ${(error as Error).message}`, { cause: error });
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => pool.close(),
  };
}
