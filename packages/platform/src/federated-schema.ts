import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type PubSub } from 'type-graphql';

const FEDERATION_LINK = `extend schema @link(
  url: "https://specs.apollo.dev/federation/v2.7"
  import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"]
)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reference resolvers receive untyped representations
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any) => unknown }>;

// A subgraph streams no events itself (the router does, from Redis): each Subscription field gives
// its own `subscribe`, which only checks access (subscription-check.ts). type-graphql wants a PubSub
// as soon as one Subscription exists; this one refuses topic-based subscriptions loudly.
const noTopicSubscriptions: PubSub = {
  publish: () => {
    throw new Error('Subgraphs publish events with publishSubscriptionEvent, not through type-graphql.');
  },
  subscribe: () => {
    throw new Error('A subgraph Subscription field must give its own `subscribe` (an access check), not topics.');
  },
};

export interface FederatedSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** `__resolveReference` per entity type this subgraph can resolve by key. */
  referenceResolvers?: ReferenceResolvers;
}

/**
 * The one place that turns type-graphql classes into a federation 2 subgraph schema: build with
 * type-graphql, print with directives (so `@key` survives), add the federation `@link`, and
 * rebuild with `buildSubgraphSchema` so `_service` and `_entities` exist. Subscription fields keep
 * their `subscribe` resolver (the router's subscription check runs it).
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const typeGraphQLSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    pubSub: noTopicSubscriptions,
    validate: false,
    // Federation directives are declared by @link, which type-graphql's own check does not know.
    skipCheck: true,
  });
  const resolvers = createResolversMap(typeGraphQLSchema) as GraphQLResolverMap;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap[string];
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphQLSchema)}`);
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}

/** The SDL a subgraph publishes: what `schema.graphql` holds and composition reads. */
export function printFederatedSchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
