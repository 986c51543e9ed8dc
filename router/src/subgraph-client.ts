import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode, InternalHeader } from '@lobby/contracts';
import { signCallerContext, type CallerContext, type Counter, type Histogram } from '@lobby/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Pool, errors as undiciErrors } from 'undici';
import type { RouterContext } from './context.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { failureResponse } from './failure-response.js';
import { InFlight } from './in-flight.js';

export interface SubgraphClientOptions {
  name: string;
  url: string;
  signingSecret: string;
  timeoutMs: number;
  /** Share one fetch among concurrent identical query fetches for the same caller. */
  deduplicate: boolean;
  /** Extra attempts for a query fetch whose connection failed (never for mutations). */
  retries: number;
  circuit: CircuitBreakerOptions;
  requests: Counter<'subgraph' | 'outcome'>;
  duration: Histogram<'subgraph'>;
}

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
interface RawResponse {
  status: number;
  text: string;
}

// Failures of the connection itself: the request never reached the subgraph, so sending it again is safe.
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

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
  private readonly circuit: CircuitBreaker;

  constructor(private readonly options: SubgraphClientOptions) {
    this.circuit = new CircuitBreaker(options.circuit);
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

    // Reads only: a fetch inside a mutation's plan must observe that mutation, never join an older
    // read, and is never sent twice.
    const isRead = incoming?.operation?.operation === 'query';
    const attempts = isRead ? 1 + this.options.retries : 1;
    const { result, shared } =
      isRead && this.options.deduplicate
        ? this.inFlight.run(`${caller.userId}\n${caller.sessionId}\n${caller.clientIp}\n${body}`, () => this.send(body, caller, attempts))
        : { result: this.send(body, caller, attempts), shared: false };
    if (shared) this.options.requests.inc({ subgraph: this.options.name, outcome: 'shared' });

    let raw: RawResponse;
    try {
      raw = await result;
    } catch (error) {
      // Answer as the subgraph would have: errors on exactly the fields it was asked for.
      if (error instanceof GraphQLError) return failureResponse(query ?? '', variables, error);
      throw error;
    }
    const { status, text } = raw;
    // Parsed per caller: the gateway merges into and rewrites the objects it receives.
    const parsed = parseGraphQLResponse(text);
    if (!parsed) return failureResponse(query ?? '', variables, this.failure(`answered HTTP ${status} without a GraphQL response`));
    return parsed;
  }

  /** Asks the subgraph whether the caller may subscribe (see platform's subscription-check.ts); errors if not. */
  async checkSubscription(query: string, variables: Record<string, unknown> | undefined, caller: CallerContext): Promise<readonly GraphQLFormattedError[]> {
    const body = JSON.stringify({ query, variables });
    try {
      const { text } = await this.request(body, caller, { [InternalHeader.SUBSCRIPTION_CHECK]: '1' });
      return (JSON.parse(text) as { errors?: GraphQLFormattedError[] }).errors ?? [];
    } catch (error) {
      return [this.failure('is unreachable', error).toJSON()];
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(body: string, caller: CallerContext, attempts: number): Promise<RawResponse> {
    if (!this.circuit.allow()) {
      this.options.requests.inc({ subgraph: this.options.name, outcome: 'circuit-open' });
      throw this.failure('is unavailable; failing fast until it recovers');
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await this.request(body, caller);
        if (response.status >= 500) this.circuit.failure();
        else this.circuit.success();
        return response;
      } catch (error) {
        if (attempt < attempts && CONNECTION_FAILURES.has((error as { code?: string }).code ?? '')) continue;
        this.circuit.failure();
        const timedOut = error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError;
        throw this.failure(timedOut ? `timed out after ${this.options.timeoutMs} ms` : 'is unreachable', error);
      }
    }
  }

  private async request(body: string, caller: CallerContext, extraHeaders: Record<string, string> = {}): Promise<RawResponse> {
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
          ...extraHeaders,
        },
      });
      const text = await response.body.text();
      this.options.requests.inc({ subgraph: this.options.name, outcome: response.statusCode < 400 ? 'ok' : 'error' });
      return { status: response.statusCode, text };
    } catch (error) {
      this.options.requests.inc({ subgraph: this.options.name, outcome: 'failed' });
      throw error;
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
