import { Supergraph } from '@apollo/federation-internals';
import { ApolloGateway } from '@apollo/gateway';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import { Counter, Histogram, latencyBuckets, type Logger, type Registry } from '@lobby/platform';
import type { CircuitBreakerOptions } from './circuit-breaker.js';
import { PlanExecutor } from './execution/plan-executor.js';
import { SubgraphClient } from './subgraph-client.js';
import { SupergraphFile } from './supergraph/supergraph-file.js';

export interface GatewayOptions {
  supergraphPath: string;
  signingSecret: string;
  subgraphTimeoutMs: number;
  deduplicateSubgraphFetches: boolean;
  subgraphRetries: number;
  circuit: CircuitBreakerOptions;
  /** Replaces routing URLs from the supergraph, by subgraph name. */
  subgraphUrls: Record<string, string>;
  /** Answer Apollo Sandbox's query-plan header (never in production). */
  exposeQueryPlan: boolean;
  logger: Logger;
  metrics: Registry;
}

/**
 * @apollo/gateway on a static supergraph file (hot-reloaded) with Lobby's subgraph client.
 * The router never introspects subgraphs, so it starts and serves while one is down.
 */
/** What the router's own subscription server needs to know of the current supergraph. */
export interface SupergraphView {
  apiSchema: GraphQLSchema | null;
  /** Subscription field → the subgraph that owns it (and checks who may subscribe). */
  subscriptionOwners: Map<string, string>;
}

function subscriptionOwners(supergraph: Supergraph): Map<string, string> {
  const owners = new Map<string, string>();
  for (const subgraph of supergraph.subgraphs().values()) {
    for (const field of subgraph.schema.schemaDefinition.root('subscription')?.type.fields() ?? []) owners.set(field.name, subgraph.name);
  }
  return owners;
}

export function createGateway(options: GatewayOptions) {
  const { logger } = options;
  const requests = new Counter({
    name: 'lobby_router_subgraph_requests_total',
    help: 'Requests from the router to each subgraph, by outcome (shared: joined an identical request in flight)',
    labelNames: ['subgraph', 'outcome'] as const,
    registers: [options.metrics],
  });
  const duration = new Histogram({
    name: 'lobby_router_subgraph_request_duration_seconds',
    help: 'Latency of requests from the router to each subgraph',
    labelNames: ['subgraph'] as const,
    buckets: latencyBuckets,
    registers: [options.metrics],
  });
  const reloads = new Counter({
    name: 'lobby_router_supergraph_reloads_total',
    help: 'Supergraph file changes, applied or refused',
    labelNames: ['outcome'] as const,
    registers: [options.metrics],
  });

  // One client (one connection pool) per subgraph URL, kept across supergraph reloads.
  const clients = new Map<string, SubgraphClient>();
  const clientsByName = new Map<string, SubgraphClient>();
  const view: SupergraphView = { apiSchema: null, subscriptionOwners: new Map() };
  const file = new SupergraphFile(options.supergraphPath, logger);

  // Left on, @apollo/gateway exports usage metrics to Apollo and probes cloud metadata services
  // (AWS, GCP, Azure) when constructed. Lobby sends nothing off its own machines.
  // eslint-disable-next-line no-restricted-properties -- the gateway reads this switch from process.env only
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    logger,
    supergraphSdl: async ({ update }) => {
      const supergraphSdl = await file.load();
      file.watch(
        (sdl) => {
          update(sdl);
          reloads.inc({ outcome: 'applied' });
        },
        () => reloads.inc({ outcome: 'refused' }),
      );
      return { supergraphSdl, cleanup: async () => file.close() };
    },
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`Subgraph ${name} has no routing URL`);
      const key = `${name} ${target}`;
      let client = clients.get(key);
      if (!client) {
        client = new SubgraphClient({
          name,
          url: target,
          signingSecret: options.signingSecret,
          timeoutMs: options.subgraphTimeoutMs,
          deduplicate: options.deduplicateSubgraphFetches,
          retries: options.subgraphRetries,
          circuit: options.circuit,
          requests,
          duration,
        });
        clients.set(key, client);
      }
      clientsByName.set(name, client);
      return client;
    },
  });

  // The gateway plans; Lobby's executor runs the plans (docs/adr/0004-fast-router.md).
  const executor = new PlanExecutor({
    services: () => Object.fromEntries(clientsByName),
    exposeQueryPlan: options.exposeQueryPlan,
    maxPrepared: 1_000,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    // Already validated by the gateway when it loaded this supergraph.
    const supergraph = Supergraph.build(coreSupergraphSdl, { validateSupergraph: false });
    view.apiSchema = apiSchema;
    view.subscriptionOwners = subscriptionOwners(supergraph);
    executor.update(apiSchema, supergraph);
  });
  // What Apollo Server runs: the gateway's schema loading and updates, with Lobby's executor.
  const server: GatewayInterface = {
    load: async (loadOptions) => ({ schema: (await gateway.load(loadOptions)).schema, executor: executor.execute }),
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };

  return {
    gateway: server,
    view,
    client: (name: string) => clientsByName.get(name),
    close: async () => {
      await Promise.all([...clients.values()].map((client) => client.close()));
    },
  };
}
