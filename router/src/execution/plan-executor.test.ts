import { createHash } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { ApolloGateway, LocalGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { HeaderMap } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlanExecutor } from './plan-executor.js';

// Lobby's executor against @apollo/gateway's own, on one supergraph of three in-process subgraphs:
// every answer — data with its key order, errors with their paths, extensions — must be the same
// bytes. The subgraphs are built to hit the gateway's corners: entities across subgraphs, @requires,
// interfaces and unions, an @inaccessible enum value, errors at the root and inside `_entities`,
// a null where the schema says non-null.

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@inaccessible", "@shareable"])';

const users = [
  { id: '1', name: 'Ada', role: 'ADMIN' },
  { id: '2', name: 'Bo', role: 'SECRET' },
  { id: '3', name: 'Cy', role: 'MEMBER' },
  { id: 'ghost', name: 'never seen', role: 'MEMBER' },
];
const products = [
  { upc: 'p1', name: 'Lamp', price: 20, weight: 3 },
  { upc: 'p2', name: 'Chair', price: 45, weight: 9 },
  { upc: 'p3', name: 'Rug', price: 5, weight: 1 },
];
const reviews = [
  { id: 'r1', body: 'Bright', authorId: '1', upc: 'p1' },
  { id: 'r2', body: 'Wobbly', authorId: '3', upc: 'p2' },
  { id: 'r3', body: 'Spooky', authorId: 'ghost', upc: 'p2' },
  { id: 'r4', body: 'Soft', authorId: '2', upc: 'p3' },
];

const subgraphs = [
  {
    name: 'accounts',
    typeDefs: parse(`${LINK}
      type Query { me: User users: [User!]! node(id: ID!): Node search(text: String!): [SearchResult!]! broken: String }
      interface Node { id: ID! }
      enum Role { ADMIN MEMBER SECRET @inaccessible }
      type User implements Node @key(fields: "id") { id: ID! name: String! role: Role }
      type Building implements Node { id: ID! address: String! }
      union SearchResult = User | Building`),
    resolvers: {
      Query: {
        me: () => users[0],
        users: () => users.slice(0, 3),
        node: (_: unknown, { id }: { id: string }) => (id.startsWith('b') ? { id, address: '1 Main St' } : users.find((u) => u.id === id)),
        search: () => [users[2], { id: 'b1', address: '1 Main St' }, users[0]],
        broken: () => {
          throw new GraphQLError('broken on purpose', { extensions: { code: 'BROKEN' } });
        },
      },
      Node: { __resolveType: (node: { address?: string }) => (node.address ? 'Building' : 'User') },
      SearchResult: { __resolveType: (node: { address?: string }) => (node.address ? 'Building' : 'User') },
      User: {
        // Async, so one bad reference fails its own entity, not the whole `_entities` list.
        __resolveReference: async ({ id }: { id: string }) => {
          if (id === 'ghost') throw new Error('no such user');
          return users.find((u) => u.id === id);
        },
      },
    },
  },
  {
    name: 'products',
    typeDefs: parse(`${LINK}
      type Query { topProducts(first: Int = 5): [Product] }
      type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }
      type User @key(fields: "id") { id: ID! favourites: [Product!]! }`),
    resolvers: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first) },
      Product: { __resolveReference: ({ upc }: { upc: string }) => products.find((p) => p.upc === upc) },
      User: { favourites: ({ id }: { id: string }) => (id === '3' ? [] : products.slice(0, 2)) },
    },
  },
  {
    name: 'reviews',
    typeDefs: parse(`${LINK}
      type Query { orphanReview: Review ghostReviews: [Review!]! }
      type Review { id: ID! body: String! author: User product: Product }
      type User @key(fields: "id") { id: ID! reviews: [Review!]! }
      type Product @key(fields: "upc") { upc: String! reviews: [Review!]! price: Int @external weight: Int @external shippingEstimate: Int @requires(fields: "price weight") }`),
    resolvers: {
      Query: {
        orphanReview: () => ({ id: 'r9', body: 'Who wrote this?', authorId: 'nobody', upc: 'p1' }),
        ghostReviews: () => [reviews[2], { ...reviews[2], id: 'r3b' }, reviews[0]],
      },
      Review: { author: (r: { authorId: string }) => ({ id: r.authorId }), product: (r: { upc: string }) => ({ upc: r.upc }) },
      User: {
        reviews: ({ id }: { id: string }) => {
          if (id === '2') throw new GraphQLError('reviews of user 2 are sealed', { extensions: { code: 'FORBIDDEN' } });
          return reviews.filter((r) => r.authorId === id);
        },
      },
      Product: {
        reviews: ({ upc }: { upc: string }) => reviews.filter((r) => r.upc === upc),
        shippingEstimate: ({ price, weight }: { price: number; weight: number }) => (price > 40 ? 0 : weight * 2),
      },
    },
  },
];

const OPERATIONS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'entities across three subgraphs, @requires, @include with a variable',
    query: `query Top($first: Int, $withReviews: Boolean!) {
      topProducts(first: $first) { upc name price shippingEstimate
        ... on Product { reviews @include(if: $withReviews) { id body author { id name role __typename } } } } }`,
    variables: { first: 3, withReviews: true },
  },
  { name: 'the same without the included part', query: 'query Top($withReviews: Boolean!) { topProducts { upc reviews @include(if: $withReviews) { id } } }', variables: { withReviews: false } },
  {
    name: 'aliases, an aliased __typename, nested lists, an error inside _entities',
    query: `{ users { id name t: __typename favourites { upc name } reviews { body product { name reviews { author { name } } } } } }`,
  },
  {
    name: 'interfaces and unions',
    query: `{ node(id: "1") { __typename id ... on User { name reviews { id } } } building: node(id: "b7") { id ... on Building { address } }
      search(text: "a") { __typename ... on User { name } ... on Building { address } } }`,
  },
  { name: 'a root error beside data', query: '{ broken users { id } }' },
  { name: 'a failed entity leaves a null in a non-null field', query: '{ topProducts { upc reviews { body author { name } } } }' },
  { name: 'a missing entity: value completion error, no fetch error', query: '{ orphanReview { body author { id name } } }' },
  { name: 'an @inaccessible enum value from a subgraph', query: '{ users { id role } }' },
  {
    name: 'named fragments, @skip with a literal',
    query: `fragment U on User { id n: name } fragment R on Review { b: body product { upc } }
      { me { ...U skipped: name @skip(if: true) x: reviews { ...R } } }`,
  },
  { name: 'response keys a plain object inherits', query: '{ me { constructor: name toString: id reviews { valueOf: body } } }' },
  { name: 'the response key __proto__', query: '{ me { __proto__: name } }' },
  { name: 'introspection beside a fetch', query: '{ __type(name: "User") { name fields { name } } users { id } }' },
  { name: 'variables that do not fit', query: 'query Top($first: Int) { topProducts(first: $first) { upc } }', variables: { first: 'many' } },
];

function requestContext(schema: GraphQLSchema, query: string, variables?: Record<string, unknown>): GatewayGraphQLRequestContext {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return {
    request: { query, variables, operationName: undefined },
    document,
    source: query,
    queryHash: createHash('sha256').update(query).digest('hex'),
    operationName: operation.name?.value ?? null,
    operation,
    schema,
    context: {},
    metrics: {},
    logger: console,
    cache: undefined,
    overallCachePolicy: undefined,
  } as unknown as GatewayGraphQLRequestContext;
}

describe('PlanExecutor', () => {
  let stock: GatewayExecutor;
  let lobby: PlanExecutor;
  let apiSchema: GraphQLSchema;
  const sentToAccounts: unknown[] = [];
  let supergraphSdl: string;

  beforeAll(async () => {
    const composed = composeServices(subgraphs.map(({ name, typeDefs }) => ({ name, typeDefs, url: `http://${name}.invalid/graphql` })));
    if (!composed.supergraphSdl) throw new Error(`composition failed: ${composed.errors?.map((e) => e.message).join('; ')}`);
    supergraphSdl = composed.supergraphSdl;
    const services: Record<string, GraphQLDataSource> = Object.fromEntries(
      subgraphs.map(({ name, typeDefs, resolvers }) => [name, new LocalGraphQLDataSource(buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }))]),
    );
    const gateway = new ApolloGateway({ supergraphSdl, buildService: ({ name }) => services[name]! });
    const loaded = await gateway.load();
    stock = loaded.executor as unknown as GatewayExecutor;
    apiSchema = loaded.schema;
    const accounts = services.accounts!;
    const recordingAccounts: GraphQLDataSource = {
      process: (options) => (sentToAccounts.push(options.request.variables), accounts.process(options)),
    };
    lobby = new PlanExecutor({ services: () => ({ ...services, accounts: recordingAccounts }), exposeQueryPlan: false, maxPrepared: 4 });
    lobby.update(apiSchema, Supergraph.build(supergraphSdl));
  });

  it.each(OPERATIONS)('answers as @apollo/gateway does: $name', async ({ query, variables }) => {
    const expected = JSON.stringify(await stock(requestContext(apiSchema, query, variables)));
    // Twice: the first run prepares the operation, the second uses what was prepared.
    for (let run = 0; run < 2; run++) {
      expect(JSON.stringify(await lobby.execute(requestContext(apiSchema, query, variables)))).toBe(expected);
    }
  });

  it('covers the corners it claims: errors, a value completion error, data', async () => {
    const answers = await Promise.all(OPERATIONS.map(({ query, variables }) => lobby.execute(requestContext(apiSchema, query, variables))));
    const errors = answers.flatMap((answer) => (answer.errors ?? []).map((error) => error.message));
    expect(errors).toEqual(
      expect.arrayContaining(['broken on purpose', 'reviews of user 2 are sealed', 'no such user', expect.stringContaining('Variable "$first" got invalid value')]),
    );
    const completion = answers.flatMap((answer) => (answer.extensions?.valueCompletion as GraphQLError[] | undefined) ?? []).map((error) => error.message);
    expect(completion).toEqual(expect.arrayContaining(['Invalid value found for field User.role.', 'Cannot return null for non-nullable field User.name.']));
  });

  it('asks once for an entity reached by several paths, and reports its error at each of them', async () => {
    sentToAccounts.length = 0;
    const answer = await lobby.execute(requestContext(apiSchema, '{ ghostReviews { id author { id name } } }'));
    expect(sentToAccounts).toEqual([
      {
        representations: [
          { __typename: 'User', id: 'ghost' },
          { __typename: 'User', id: '1' },
        ],
      },
    ]);
    expect(answer.data).toEqual({
      ghostReviews: [
        { id: 'r3', author: null },
        { id: 'r3b', author: null },
        { id: 'r1', author: { id: '1', name: 'Ada' } },
      ],
    });
    expect(answer.errors?.map((error) => [error.message, error.path])).toEqual([
      ['no such user', ['ghostReviews', 0, 'author']],
      ['no such user', ['ghostReviews', 1, 'author']],
    ]);
  });

  it("answers Apollo Sandbox's query-plan header only where allowed", async () => {
    const asking = () => {
      const context = requestContext(apiSchema, '{ me { name reviews { body } } }');
      (context.request as { http?: unknown }).http = { method: 'POST', headers: new HeaderMap([['apollo-query-plan-experimental', '1']]), search: '' };
      return context;
    };
    const hidden = await lobby.execute(asking());
    expect(hidden.extensions).toBeUndefined();
    const showing = new PlanExecutor({ services: () => ({}), exposeQueryPlan: true, maxPrepared: 1 });
    showing.update(apiSchema, Supergraph.build(supergraphSdl));
    const shown = await showing.execute(asking());
    expect(shown.extensions?.__queryPlanExperimental).toContain('Fetch(service: "reviews")');
  });

  it('prepares an operation once and keeps only the most recently used', async () => {
    const run = (first: number) => lobby.execute(requestContext(apiSchema, `{ topProducts(first: ${first}) { upc } }`));
    for (const first of [1, 2, 3, 1, 2, 3]) expect((await run(first)).data?.topProducts).toHaveLength(first);
    const prepared = (lobby as unknown as { prepared: Map<string, unknown> }).prepared;
    expect(prepared.size).toBeLessThanOrEqual(4);
  });
});
