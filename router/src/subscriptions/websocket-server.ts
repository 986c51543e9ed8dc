import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { ErrorCode, type SubscriptionEvent } from '@lobby/contracts';
import { Gauge, type Logger, type Registry } from '@lobby/platform';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  getArgumentValues,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import type { RouterContext } from '../context.js';
import type { SupergraphView } from '../gateway.js';
import { clientIp } from '../http/client-ip.js';
import { costModel } from '../limits/list-cost.js';
import { LimitCode, LimitExceededError } from '../limits/limit-error.js';
import type { OperationLimits } from '../limits/operation-limits.js';
import { checkShapeLimits } from '../limits/static-limits.js';
import type { RouterRateLimits } from '../rate-limit/rate-limits.js';
import type { SubgraphClient } from '../subgraph-client.js';
import { authenticate, callerOf, scheduleExpiry, type ConnectionState } from './connection.js';
import { buildAccessCheckQuery, buildPayloadQuery, subscriptionRootField, type PayloadQuery } from './payload-query.js';
import { PayloadsPerEvent } from './payloads-per-event.js';
import { PushStream } from './push-stream.js';
import type { SubscriptionHub } from './subscription-hub.js';

export interface WebSocketOptions {
  server: Server;
  apollo: ApolloServer<RouterContext>;
  view: SupergraphView;
  client: (subgraph: string) => SubgraphClient | undefined;
  hub: SubscriptionHub;
  verify: AccessTokenVerifier;
  rateLimits: RouterRateLimits;
  limits: OperationLimits;
  production: boolean;
  trustProxyHops: number;
  maxPayloadBytes: number;
  maxSubscriptionsPerConnection: number;
  logger: Logger;
  metrics: Registry;
}

type Extra = { socket: WebSocket; request: IncomingMessage };

/** RFC 6455 1001: the server is going away. */
const GOING_AWAY = 1001;
/** A private-range close code (4000–4999): this address opened too many connections lately. */
const TOO_MANY_CONNECTIONS = 4429;
type OperationContext = { state: ConnectionState; source: string };

/**
 * graphql-ws (`graphql-transport-ws`) on the router's own port and path. Every operation passes
 * what an HTTP one does (rate limits, token limit, validation against the API schema,
 * introspection policy, operation limits); queries and mutations then run through Apollo Server
 * like HTTP ones. Subscriptions: the owning subgraph decides who may subscribe, events arrive
 * through the hub, and each event becomes a payload by a query run as the subscriber.
 * See docs/adr/0006-subscriptions.md.
 */
export function startWebSocketServer(options: WebSocketOptions): { close(): Promise<void> } {
  const { apollo, view, hub, logger } = options;
  const states = new WeakMap<object, ConnectionState>();
  const payloads = new PayloadsPerEvent<{ data?: Record<string, unknown> | null; errors?: readonly unknown[] } | null>();
  const active = new Gauge({ name: 'lobby_router_subscriptions_active', help: 'Live subscriptions on this router', registers: [options.metrics] });
  const wss = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: options.maxPayloadBytes });

  const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

  const prepare = async (state: ConnectionState, source: string, variables: Record<string, unknown> | undefined) => {
    await options.rateLimits.admitRequest(callerOf(state, randomUUID()));
    const schema = view.apiSchema;
    if (!schema) throw new GraphQLError('The supergraph is not loaded yet.', { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens: options.limits.maxTokens });
    } catch (error) {
      if (/contains more tha[nt] \d+ tokens/.test((error as Error).message)) {
        throw new LimitExceededError(LimitCode.TOKENS, `Operation has more than ${options.limits.maxTokens} tokens.`);
      }
      throw error;
    }
    const errors = validate(schema, document, options.production ? [...specifiedRules, NoSchemaIntrospectionCustomRule] : specifiedRules);
    if (errors.length > 0) return { errors };
    checkShapeLimits(schema, document, options.limits);
    const cost = costModel(schema, document, options.limits.assumedListSize)(variables);
    if (cost > options.limits.maxCost) throw new LimitExceededError(LimitCode.COST, `Operation cost ${cost} is over the limit of ${options.limits.maxCost}.`);
    return { schema, document };
  };

  const startSubscription = (args: ExecutionArgs): AsyncIterableIterator<ExecutionResult> => {
    const { state } = args.contextValue as OperationContext;
    const schema = args.schema;
    const root = subscriptionRootField(args.document, args.operationName);
    const field = schema.getSubscriptionType()!.getFields()[root.name.value]!;
    const values = getArgumentValues(field, root, args.variableValues ?? {});
    const payloadQueries = new Map<string, PayloadQuery>();
    let queue = Promise.resolve();

    const stream = new PushStream<ExecutionResult>(() => {
      remove();
      state.streams.delete(handle);
      active.dec();
    });
    const handle = {
      expire: () => {
        stream.push({ errors: refuse('Your access token expired. Refresh it (ping with a new token) and subscribe again.', ErrorCode.UNAUTHENTICATED) });
        stream.end();
      },
    };
    state.streams.add(handle);

    const deliver = async (event: SubscriptionEvent) => {
      if (stream.done) return;
      const { field: payloadField, arguments: eventArguments } = event.payload;
      let payload = payloadQueries.get(payloadField);
      if (!payload) payloadQueries.set(payloadField, (payload = buildPayloadQuery(schema, args.document, args.operationName, args.variableValues ?? {}, payloadField)));
      const variables = payload.variables(eventArguments);
      // Access rules are per user, not per device: one user's subscribers with the same selection
      // share one payload per event (a user on five devices costs one query, not five).
      const result = await payloads.forEvent(event, `${state.userId}\n${payload.query}\n${JSON.stringify(variables)}`, async () => {
        const response = await apollo.executeOperation(
          { query: payload.query, variables, operationName: 'SubscriptionPayload' },
          { contextValue: { caller: callerOf(state, randomUUID()) } },
        );
        return response.body.kind === 'single' ? response.body.singleResult : null;
      });
      const value = result?.data?.[payload.responseKey];
      // Null: this subscriber may not see it (not a participant any more, say). Nothing is sent.
      if (value === null || value === undefined) return;
      stream.push({ data: { [payload.responseKey]: value }, ...(result?.errors ? { errors: result.errors as never } : {}) });
    };

    const remove = hub.add({
      field: root.name.value,
      arguments: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)])),
      userId: state.userId,
      onEvent: (event) => {
        // One at a time per subscriber, so payloads leave in the order events arrived.
        queue = queue.then(() => deliver(event)).catch((error: unknown) => logger.error({ err: error }, 'subscription payload failed'));
      },
    });
    active.inc();
    return stream;
  };

  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: () => view.apiSchema!,
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const ip = clientIp(ctx.extra.request, options.trustProxyHops);
        try {
          await options.rateLimits.admitConnection(ip);
        } catch {
          ctx.extra.socket.close(TOO_MANY_CONNECTIONS, 'Too many connections');
          return false;
        }
        try {
          const identity = await authenticate(options.verify, ctx.connectionParams?.authorization, ip);
          const state: ConnectionState = { ...identity, streams: new Set(), expiryTimer: null };
          states.set(ctx, state);
          scheduleExpiry(state);
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden.
        }
      },
      onPing: async (ctx, payload) => {
        // Token refresh on a live connection: ping with { authorization: "Bearer <new token>" }.
        const state = states.get(ctx);
        if (!state || !payload || typeof payload.authorization !== 'string') return;
        try {
          const renewed = await authenticate(options.verify, payload.authorization, state.clientIp);
          if (renewed.userId !== state.userId) throw new Error('a connection cannot change user');
          state.tokenExpiresAt = renewed.tokenExpiresAt;
          state.sessionId = renewed.sessionId;
          scheduleExpiry(state);
        } catch {
          ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden');
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const state = states.get(ctx)!;
        try {
          const prepared = await prepare(state, payload.query, payload.variables ?? undefined);
          if ('errors' in prepared) return prepared.errors;
          const { schema, document } = prepared;
          const operation = getOperationAST(document, payload.operationName);
          if (operation?.operation === 'subscription') {
            if (state.streams.size >= options.maxSubscriptionsPerConnection) {
              return refuse(`At most ${options.maxSubscriptionsPerConnection} subscriptions per connection.`, ErrorCode.RATE_LIMITED);
            }
            const owner = view.subscriptionOwners.get(subscriptionRootField(document, payload.operationName).name.value);
            const client = owner ? options.client(owner) : undefined;
            if (!client) return refuse('This subscription has no service to serve it.', ErrorCode.SERVICE_UNAVAILABLE);
            const denied = await client.checkSubscription(buildAccessCheckQuery(document, payload.operationName), payload.variables ?? undefined, callerOf(state, randomUUID()));
            if (denied.length > 0) return denied.map((error) => new GraphQLError(error.message, { extensions: error.extensions }));
          }
          const contextValue: OperationContext = { state, source: payload.query };
          return { schema, document, variableValues: payload.variables ?? undefined, operationName: payload.operationName ?? undefined, contextValue };
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      execute: async (args) => {
        const { state, source } = args.contextValue as OperationContext;
        const response = await apollo.executeOperation(
          { query: source, variables: args.variableValues ?? undefined, operationName: args.operationName ?? undefined },
          { contextValue: { caller: callerOf(state, randomUUID()) } },
        );
        return (response.body.kind === 'single' ? response.body.singleResult : { errors: refuse('Incremental delivery is not supported here.', 'BAD_REQUEST') }) as ExecutionResult;
      },
      subscribe: (args) => startSubscription(args),
      onClose: (ctx) => {
        const state = states.get(ctx);
        if (!state) return;
        if (state.expiryTimer) clearTimeout(state.expiryTimer);
      },
    },
    wss,
  );

  return {
    close: async () => {
      // 1001 Going Away: clients reconnect, to another replica, and catch up by query.
      for (const socket of wss.clients) socket.close(GOING_AWAY, 'Server shutting down');
      await server.dispose();
    },
  };
}
