import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode, InternalHeader } from '@lobby/contracts';
import { signCallerContext, type CallerContext, type Counter, type Histogram } from '@lobby/platform';
import { GraphQLError } from 'graphql';
import { Pool } from 'undici';
import type { RouterContext } from './context.js';

export interface SubgraphClientOptions {
  name: string;
  url: string;
  signingSecret: string;
  timeoutMs: number;
  requests: Counter<'subgraph' | 'outcome'>;
  duration: Histogram<'subgraph'>;
}

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

// The gateway's own health checks and schema loads carry no user; the supergraph is static, so they are rare.
const systemCaller: CallerContext = { userId: null, sessionId: null, requestId: 'router-system', clientIp: null };

/**
 * How the router talks to one subgraph: a pool of keep-alive connections (undici), a signed
 * caller context on every request (built from scratch, so no client header can reach a
 * subgraph), a timeout, and metrics. Replaces the gateway's default fetch-based data source,
 * whose per-request connection and header handling was its largest avoidable cost.
 */
export class SubgraphClient implements GraphQLDataSource<RouterContext> {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(private readonly options: SubgraphClientOptions) {
    const url = new URL(options.url);
    this.path = `${url.pathname}${url.search}`;
    this.pool = new Pool(url.origin, {
      connections: 64,
      keepAliveTimeout: 30_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayResponse> {
    // Only an incoming operation carries `incomingRequestContext` (the gateway does not export its kind enum).
    const caller = 'incomingRequestContext' in options ? options.context.caller : systemCaller;
    const { query, variables, operationName } = options.request;
    const body = JSON.stringify({ query, variables, operationName });
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
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await response.body.text();
      const result = parseGraphQLResponse(text);
      if (!result) throw this.failure(`answered HTTP ${response.statusCode} without a GraphQL response`);
      this.options.requests.inc({ subgraph: this.options.name, outcome: response.statusCode < 400 ? 'ok' : 'error' });
      return result;
    } catch (error) {
      this.options.requests.inc({ subgraph: this.options.name, outcome: 'failed' });
      if (error instanceof GraphQLError) throw error;
      throw this.failure(error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${this.options.timeoutMs} ms` : 'is unreachable', error);
    } finally {
      stopTimer();
    }
  }

  close(): Promise<void> {
    return this.pool.close();
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
