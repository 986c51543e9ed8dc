import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { Redis } from 'ioredis';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ErrorCode, subscriptionChannel } from '@lobby/contracts';
import {
  PayloadTooLargeError,
  closeGracefully,
  createLogger,
  createMetricsRegistry,
  graphQLErrorBody,
  headerValue,
  maskUnexpectedErrors,
  readBody,
  requestIdFrom,
  runInRequestScope,
  sendApolloResponse,
  sendJson,
  sendText,
  toHeaderMap,
  type Logger,
} from '@lobby/platform';
import { createAdminRoutes } from './admin/admin-routes.js';
import { bearerToken, createAccessTokenVerifier } from './auth/access-token-verifier.js';
import { cacheVerifiedTokens } from './auth/verified-token-cache.js';
import type { RouterContext } from './context.js';
import type { RouterEnv } from './env.js';
import { createGateway } from './gateway.js';
import { clientIp } from './http/client-ip.js';
import { applyCors } from './http/cors.js';
import { operationLimitsPlugin } from './limits/limits.plugin.js';
import { recodeTokenLimit } from './limits/token-limit.js';
import { loadManifest } from './persisted-queries/manifest.js';
import { RedisDocumentCache } from './persisted-queries/redis-document-cache.js';
import { TrustedDocumentCache, trustedDocumentsPlugin } from './persisted-queries/trusted-documents.js';
import { metricsPlugin } from './plugins/metrics.plugin.js';
import { operationRateLimitPlugin } from './rate-limit/rate-limit.plugin.js';
import { SubscriptionHub } from './subscriptions/subscription-hub.js';
import { startWebSocketServer } from './subscriptions/websocket-server.js';
import { RouterRateLimits } from './rate-limit/rate-limits.js';

export interface Router {
  server: Server;
  /** Resolves with the bound port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  isReady(): boolean;
  close(): Promise<void>;
}

/** Builds the router without listening, so tests run the real thing on port 0. */
export async function createRouter(env: RouterEnv, logger: Logger = createLogger('router', env.LOG_LEVEL)): Promise<Router> {
  const metrics = createMetricsRegistry('router');
  const verifyAccessToken = cacheVerifiedTokens(
    createAccessTokenVerifier({ jwksUrl: env.IDENTITY_JWKS_URL, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }),
  );
  const { gateway, view, client, close: closeSubgraphClients } = createGateway({
    supergraphPath: env.SUPERGRAPH_PATH,
    signingSecret: env.INTERNAL_SIGNING_SECRET,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    deduplicateSubgraphFetches: env.SUBGRAPH_DEDUPLICATION,
    subgraphRetries: env.SUBGRAPH_RETRIES,
    circuit: { failureThreshold: env.CIRCUIT_FAILURE_THRESHOLD, openMs: env.CIRCUIT_OPEN_MS },
    subgraphUrls: env.subgraphUrls,
    exposeQueryPlan: !env.production,
    logger,
    metrics,
  });
  // No offline queue: while Redis is away, rate-limit checks fail at once and let requests through.
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  // Outages are reported by RouterRateLimits when a check fails, once per interval, not per reconnect attempt.
  redis.on('error', () => {});
  const rateLimits = new RouterRateLimits(redis, env.REDIS_KEY_PREFIX, env.rateLimits, logger);
  const trustedDocuments = env.TRUSTED_DOCUMENTS_MANIFEST ? await loadManifest(env.TRUSTED_DOCUMENTS_MANIFEST) : null;
  const maskError = maskUnexpectedErrors(logger);
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    logger,
    formatError: (formatted, error) => maskError(recodeTokenLimit(formatted), error),
    parseOptions: { maxTokens: env.limits.maxTokens },
    // Automatic persisted queries shared by every replica through Redis; in trusted-documents mode
    // the manifest is the only store and nothing else runs.
    persistedQueries: trustedDocuments
      ? { cache: new TrustedDocumentCache(trustedDocuments), ttl: null }
      : { cache: new RedisDocumentCache(redis, `${env.REDIS_KEY_PREFIX}router:`), ttl: env.APQ_TTL_SECONDS },
    includeStacktraceInErrorResponses: false,
    introspection: !env.production,
    // Production answers never hint at field names a client did not already know.
    hideSchemaDetailsFromClientErrors: env.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: env.ALLOW_BATCHED_REQUESTS,
    // Shutdown is ours (stopOnSignals drains first); Apollo's handler would re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      operationLimitsPlugin(env.limits),
      operationRateLimitPlugin(rateLimits),
      ...(trustedDocuments ? [trustedDocumentsPlugin(trustedDocuments)] : []),
      metricsPlugin(metrics),
      env.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: { endpointIsEditable: false }, includeCookies: false }),
    ],
  });

  let ready = false;
  let draining = false;
  await apollo.start();
  ready = true;

  // A connection of its own: a Redis connection in subscriber mode can do nothing else. It
  // resubscribes by itself after a reconnect; the router starts and serves while Redis is away.
  const hubRedis = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
  hubRedis.on('error', () => {});
  const hub = new SubscriptionHub(hubRedis, subscriptionChannel(env.REDIS_KEY_PREFIX), logger);
  hub.start().catch((error: unknown) => logger.warn({ err: error }, 'subscription events unavailable until Redis is back'));

  const admin = createAdminRoutes({ verify: verifyAccessToken, redisUrl: env.REDIS_URL, redisKeyPrefix: env.REDIS_KEY_PREFIX, secureCookies: env.production, logger });

  async function createContext(request: IncomingMessage, requestId: string): Promise<RouterContext> {
    const token = bearerToken(headerValue(request, 'authorization'));
    const verified = token ? await verifyAccessToken(token) : null;
    const caller = {
      userId: verified?.userId ?? null,
      sessionId: verified?.sessionId ?? null,
      requestId,
      clientIp: clientIp(request, env.TRUST_PROXY_HOPS),
    };
    // Before the operation is even parsed: a flood costs a token check and one Redis round trip.
    await rateLimits.admitRequest(caller);
    return { caller };
  }

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse, requestId: string, search: string) {
    if (request.method !== 'GET' && request.method !== 'POST') {
      response.setHeader('allow', 'GET, POST');
      return sendJson(response, 405, graphQLErrorBody('Use GET or POST.', ErrorCode.BAD_USER_INPUT));
    }
    let body: unknown;
    if (request.method === 'POST') {
      const raw = await readBody(request, env.MAX_BODY_BYTES);
      const isJson = /^application\/(graphql-response\+)?json/i.test(headerValue(request, 'content-type') ?? '');
      try {
        body = isJson ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8');
      } catch {
        return sendJson(response, 400, graphQLErrorBody('Request body is not valid JSON.', ErrorCode.BAD_USER_INPUT));
      }
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method, headers: toHeaderMap(request), search, body },
      context: () => createContext(request, requestId),
    });
    await sendApolloResponse(response, result);
  }

  async function route(request: IncomingMessage, response: ServerResponse, requestId: string) {
    const [path = '/', search = ''] = (request.url ?? '/').split('?', 2);
    switch (path) {
      case '/graphql':
        if (applyCors(request, response, env.corsOrigins)) return;
        return handleGraphQL(request, response, requestId, search);
      case '/health/live':
        return sendJson(response, 200, { status: 'live' });
      case '/health/ready': {
        const ok = ready && !draining;
        return sendJson(response, ok ? 200 : 503, { status: ok ? 'ready' : draining ? 'draining' : 'starting' });
      }
      case '/metrics':
        return sendText(response, 200, await metrics.metrics(), metrics.contentType);
      default:
        if (admin.handles(path)) return admin.handle(path, request, response);
        return sendJson(response, 404, { error: 'not found' });
    }
  }

  const server = createServer((request, response) => {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    response.setHeader('x-request-id', requestId);
    // One line per request at info; at warn and above (production under load) not even the object is built.
    if (logger.isLevelEnabled('info')) {
      const started = performance.now();
      response.on('finish', () => {
        logger.info(
          { requestId, method: request.method, path: request.url?.split('?')[0], status: response.statusCode, ms: Math.round(performance.now() - started) },
          'request',
        );
      });
    }
    runInRequestScope({ requestId }, () => route(request, response, requestId)).catch((error: unknown) => {
      if (error instanceof PayloadTooLargeError) {
        return sendJson(response, 413, graphQLErrorBody(error.message, ErrorCode.BAD_USER_INPUT));
      }
      logger.error({ err: error, requestId }, 'request failed');
      if (!response.headersSent) sendJson(response, 500, graphQLErrorBody('Internal server error', ErrorCode.INTERNAL_SERVER_ERROR, { requestId }));
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  const websockets = startWebSocketServer({
    server,
    apollo,
    view,
    client,
    hub,
    verify: verifyAccessToken,
    rateLimits,
    limits: env.limits,
    production: env.production,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    maxPayloadBytes: env.MAX_BODY_BYTES,
    maxSubscriptionsPerConnection: env.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    logger,
    metrics,
  });

  return {
    server,
    isReady: () => ready && !draining,
    listen: (port, host = env.HOST) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: async () => {
      // Readiness fails first so load balancers stop sending, then in-flight requests finish.
      draining = true;
      if (env.SHUTDOWN_GRACE_SECONDS > 0) await new Promise((resolve) => setTimeout(resolve, env.SHUTDOWN_GRACE_SECONDS * 1000));
      await Promise.all([closeGracefully(server), websockets.close()]);
      await apollo.stop();
      await closeSubgraphClients();
      await admin.close();
      redis.disconnect();
      hubRedis.disconnect();
    },
  };
}
