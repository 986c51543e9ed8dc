import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode, InternalHeader } from '@lobby/contracts';
import { signCallerContext, type CallerContext, type Counter, type Histogram } from '@lobby/platform';
import { GraphQLError } from 'graphql';
import { Pool, errors as undiciErrors } from 'undici';
import type { RouterContext } from './context.js';
import { InFlight } from './in-flight.js';

export interface SubgraphClientOptions {
  name: string;
  url: string;
  signingSecret: string;
  timeoutMs: number;
  /** Share one fetch among concurrent identical query fetches for the same caller. */
  deduplicate: boolean;
  requests: Counter<'subgraph' | 'outcome'>;
  duration: Histogram<'subgraph'>;
}

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
interface RawResponse {
  status: number;
  text: string;
}

// The gateway's own health checks and schema loads carry no user; the supergraph is static, so they are rare.
const systemCaller: CallerContext = { userId: null, sessionId: null, requestId: 'router-system', clientIp: null };

/**
 * How the router talks to one subgraph: a pool of keep-alive connections (undici), a signed
 * caller context on every request (built from scratch, so no client header can reach a
 * subgraph), timeouts, metrics, and in-flight deduplication. See docs/adr/0004-fast-router.md.
 */
export class SubgraphClient implements GraphQLDataSource<RouterContext> {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly inFlight = new InFlight<RawResponse>();

  constructor(private readonly options: SubgraphClientOptions) {
    const url = new URL(options.url);
    this.path = `${url.pathname}${url.search}`;
    // headersTimeout bounds a subgraph that never answers, bodyTimeout one that stalls mid-body;
    // both are timers undici already keeps per socket, cheaper than an AbortSignal per request.
    this.pool = new Pool(url.origin, {
      connections: 64,
      keepAliveTimeout: 30_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayResponse> {
    // Only an incoming operation carries `incomingRequestContext` (the gateway does not export its kind enum).
    const incoming = 'incomingRequestContext' in options ? options.incomingRequestContext : null;
    const caller = incoming ? options.context.caller : systemCaller;
    const { query, variables, operationName } = options.request;
    const body = JSON.stringify({ query, variables, operationName });

    // Reads only: a fetch inside a mutation's plan must observe that mutation, never join an older read.
    const shareable = this.options.deduplicate && incoming?.operation?.operation === 'query';
    const { result, shared } = shareable
      ? this.inFlight.run(`${caller.userId}\n${caller.sessionId}\n${caller.clientIp}\n${body}`, () => this.send(body, caller))
      : { result: this.send(body, caller), shared: false };
    if (shared) this.options.requests.inc({ subgraph: this.options.name, outcome: 'shared' });

    const { status, text } = await result;
    // Parsed per caller: the gateway merges into and rewrites the objects it receives.
    const parsed = parseGraphQLResponse(text);
    if (!parsed) throw this.failure(`answered HTTP ${status} without a GraphQL response`);
    return parsed;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(body: string, caller: CallerContext): Promise<RawResponse> {
    const stopTimer = this.options.duration.startTimer({ subgraph: this.options.name });
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: this.path,
        body,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          [InternalHeader.CONTEXT]: signCallerContext(caller, body, this.options.signingSecret),
          [InternalHeader.REQUEST_ID]: caller.requestId,
        },
      });
      const text = await response.body.text();
      this.options.requests.inc({ subgraph: this.options.name, outcome: response.statusCode < 400 ? 'ok' : 'error' });
      return { status: response.statusCode, text };
    } catch (error) {
      this.options.requests.inc({ subgraph: this.options.name, outcome: 'failed' });
      const timedOut = error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError;
      throw this.failure(timedOut ? `timed out after ${this.options.timeoutMs} ms` : 'is unreachable', error);
    } finally {
      stopTimer();
    }
  }

  private failure(what: string, cause?: unknown): GraphQLError {
    return new GraphQLError(`The ${this.options.name} service ${what}.`, {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, subgraph: this.options.name },
      originalError: cause instanceof Error ? cause : undefined,
    });
  }
}

function parseGraphQLResponse(text: string): GatewayResponse | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)) return parsed as GatewayResponse;
  } catch {
    // Not JSON: the caller reports the status instead.
  }
  return null;
}
