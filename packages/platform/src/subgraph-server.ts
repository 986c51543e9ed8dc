import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ErrorCode, InternalHeader } from '@lobby/contracts';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { sendApolloResponse, toHeaderMap } from './apollo-http.js';
import { PayloadTooLargeError, closeGracefully, graphQLErrorBody, headerValue, readBody, sendJson, sendText } from './http.js';
import { maskUnexpectedErrors } from './mask-error.js';
import { Counter, Histogram, latencyBuckets, type Registry } from './metrics.js';
import { noStorePlugin } from './no-store.plugin.js';
import { checkSubscription } from './subscription-check.js';
import { runInRequestScope } from './request-scope.js';
import { verifyCallerContext, type CallerContext } from './signing.js';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface SubgraphServerOptions<Context extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  metrics: Registry;
  /** The current signing secret first, then any being rotated out. */
  signingSecrets: readonly string[];
  /** Per request: the context resolvers see (a fresh EntityManager fork, fresh loaders). */
  createContext: (caller: CallerContext) => Context;
  isReady: () => Promise<boolean>;
  /** Extra unsigned GET routes, such as identity's JWKS. */
  routes?: Record<string, RouteHandler>;
  bodyLimitBytes?: number;
}

export interface SubgraphServer {
  server: Server;
  /** Resolves with the bound port (pass 0 for any free port). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Serves one subgraph: `/graphql` answers only requests the router signed (every field,
 * `_service` and `_entities` included); health and metrics are open for probes and scrapers.
 */
export async function createSubgraphServer<Context extends BaseContext>(
  options: SubgraphServerOptions<Context>,
): Promise<SubgraphServer> {
  const { logger, schema, signingSecrets } = options;
  const bodyLimit = options.bodyLimitBytes ?? 1024 * 1024;
  const formatError = maskUnexpectedErrors(logger);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Only the router calls a subgraph, with a signed JSON POST; the signature is the CSRF guard.
    csrfPrevention: false,
    // Shutdown is ours (stopOnSignals): Apollo's own handler re-raises the signal, which made one SIGTERM exit non-zero.
    stopOnTerminationSignals: false,
    // No per-field cache policy: every answer is no-store (no-store.plugin.ts says why).
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), noStorePlugin()],
  });
  await apollo.start();

  const requests = new Counter({
    name: 'lobby_subgraph_requests_total',
    help: 'GraphQL requests by outcome',
    labelNames: ['outcome'] as const,
    registers: [options.metrics],
  });
  const duration = new Histogram({
    name: 'lobby_subgraph_request_duration_seconds',
    help: 'GraphQL request latency',
    buckets: latencyBuckets,
    registers: [options.metrics],
  });

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      return sendJson(response, 405, graphQLErrorBody('Use POST.', ErrorCode.BAD_USER_INPUT));
    }
    const body = await readBody(request, bodyLimit);
    const verdict = verifyCallerContext(headerValue(request, InternalHeader.CONTEXT), body, signingSecrets);
    if (!verdict.ok) {
      requests.inc({ outcome: 'unsigned' });
      logger.warn({ reason: verdict.reason, remote: request.socket.remoteAddress }, 'refused unsigned request');
      return sendJson(response, 401, graphQLErrorBody('Only the Lobby router may call this service.', ErrorCode.UNAUTHENTICATED));
    }
    const { caller } = verdict;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(response, 400, graphQLErrorBody('Body is not JSON.', ErrorCode.BAD_USER_INPUT));
    }
    if (headerValue(request, InternalHeader.SUBSCRIPTION_CHECK)) {
      // Masked like any answer: a refusal's code reaches the client, an unexpected failure does not.
      const body = await runInRequestScope({ requestId: caller.requestId }, async () => {
        const { errors } = await checkSubscription(schema, parsed as Record<string, never>, await options.createContext(caller));
        return errors?.length ? { errors: errors.map((error) => formatError(error.toJSON(), error)) } : {};
      });
      return sendJson(response, 200, body);
    }
    const stopTimer = duration.startTimer();
    await runInRequestScope({ requestId: caller.requestId }, async () => {
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers: toHeaderMap(request), search: '', body: parsed },
        context: async () => options.createContext(caller),
      });
      await sendApolloResponse(response, result);
      const status = response.statusCode;
      requests.inc({ outcome: status < 400 ? 'ok' : 'error' });
      logger.debug({ requestId: caller.requestId, userId: caller.userId, status }, 'graphql request');
    });
    stopTimer();
  }

  const routes: Record<string, RouteHandler> = {
    '/graphql': handleGraphQL,
    '/health/live': (_request, response) => sendJson(response, 200, { status: 'live' }),
    '/health/ready': async (_request, response) => {
      const ready = await options.isReady().catch(() => false);
      sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    },
    '/metrics': async (_request, response) =>
      sendText(response, 200, await options.metrics.metrics(), options.metrics.contentType),
    ...options.routes,
  };

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const route = routes[path];
    if (!route) return sendJson(response, 404, { error: 'not found' });
    Promise.resolve(route(request, response)).catch((error: unknown) => {
      if (error instanceof PayloadTooLargeError) {
        return sendJson(response, 413, graphQLErrorBody(error.message, ErrorCode.BAD_USER_INPUT));
      }
      logger.error({ err: error, path }, 'request failed');
      if (!response.headersSent) sendJson(response, 500, graphQLErrorBody('Internal server error', ErrorCode.INTERNAL_SERVER_ERROR));
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  return {
    server,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: async () => {
      await closeGracefully(server);
      await apollo.stop();
    },
  };
}
