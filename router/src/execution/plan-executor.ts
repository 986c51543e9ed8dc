import { operationFromDocument, type FieldSelection, type Operation, type Schema, type Supergraph } from '@apollo/federation-internals';
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import type { OperationContext } from '@apollo/gateway/dist/operationContext.js';
import { prettyFormatQueryPlan, QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { getVariableValues, GraphQLError, Kind, type FieldNode, type GraphQLSchema } from 'graphql';

import { executeIntrospection } from './introspection.js';
import { executePlanNode } from './plan-execution.js';
import { ResponseShaper } from './response-shaper.js';

/**
 * Lobby's executor for the gateway's query plans (docs/adr/0004-fast-router.md).
 *
 * @apollo/gateway plans each operation once, but on every request it rebuilds the operation from
 * the document, hashes the key of its plan cache, opens tracing spans and builds a trace node per
 * plan node, then shapes the answer by walking the operation against the schema. This executor
 * keeps the gateway's planner, and prepares per operation everything that does not depend on the
 * request: the plan, the operation, and a compiled response shaper. What it does per request —
 * variable validation, fetches, merge, shaping, errors — is the gateway's, step for step.
 *
 * Plans it does not run itself (a subscription over HTTP, @defer, a request whose trace is being
 * captured for usage reporting) go to the gateway's own `executeQueryPlan`.
 */

interface Prepared {
  operationContext: OperationContext;
  plan: QueryPlan;
  /** The operation as the gateway's executor builds it (for conditions and shaping). */
  operation: Operation | null;
  shaper: ResponseShaper | null;
  /** Answer given instead of executing: the operation could not be built. */
  failure: GatewayExecutionResult | null;
  /** The plan needs what only the gateway's executor has. */
  viaGateway: boolean;
}

interface LoadedSchema {
  /** The API schema as Apollo Server sees it: variables and introspection. */
  apiSchema: GraphQLSchema;
  apiSchemaInternal: Schema;
  supergraphSchema: GraphQLSchema;
  planner: QueryPlanner;
  services: Record<string, GraphQLDataSource>;
}

export interface PlanExecutorOptions {
  /** The data source for each subgraph, by name: read once per supergraph, when it is loaded. */
  services: () => Record<string, GraphQLDataSource>;
  /** Answer the `Apollo-Query-Plan-Experimental` header (Apollo Sandbox's query-plan view); never in production. */
  exposeQueryPlan: boolean;
  /** Operations whose preparation is kept (least recently used first out). */
  maxPrepared: number;
}

export class PlanExecutor {
  private loaded: LoadedSchema | null = null;
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly options: PlanExecutorOptions) {}

  /** A new supergraph: new planner, and nothing prepared for the old one survives. */
  update(apiSchema: GraphQLSchema, supergraph: Supergraph): void {
    this.loaded = {
      apiSchema,
      apiSchemaInternal: supergraph.apiSchema(),
      supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
      planner: new QueryPlanner(supergraph),
      // The gateway builds a data source per subgraph before it announces the supergraph.
      services: this.options.services(),
    };
    this.prepared.clear();
  }

  readonly execute: GatewayExecutor = async (requestContext) => {
    const loaded = this.loaded;
    if (!loaded) throw new Error('The supergraph is not loaded yet');
    const { request } = requestContext;
    const key = request.operationName ? `${requestContext.queryHash}\n${request.operationName}` : requestContext.queryHash;
    let prepared = this.prepared.get(key);
    const operationContext = prepared?.operationContext ?? buildOperationContext({ schema: loaded.apiSchema, operationDocument: requestContext.document, operationName: request.operationName });

    const definitions = operationContext.operation.variableDefinitions;
    if (definitions?.length) {
      const { errors } = getVariableValues(loaded.apiSchema, definitions, request.variables ?? {});
      if (errors) return { errors };
    }

    if (prepared) {
      // Least recently used goes first: a hit moves to the back.
      this.prepared.delete(key);
    } else {
      prepared = this.prepare(loaded, requestContext, operationContext);
    }
    this.prepared.set(key, prepared);
    if (this.prepared.size > this.options.maxPrepared) this.prepared.delete(this.prepared.keys().next().value as string);

    const response = await this.run(loaded, prepared, requestContext);
    return this.withQueryPlan(response, prepared.plan, requestContext);
  };

  private prepare(loaded: LoadedSchema, requestContext: GatewayGraphQLRequestContext, operationContext: OperationContext): Prepared {
    const { document, request } = requestContext;
    const plan = loaded.planner.buildQueryPlan(operationFromDocument(loaded.apiSchemaInternal, document, { operationName: request.operationName ?? undefined }));
    const viaGateway = plan.node?.kind === 'Subscription' || (plan.node !== undefined && hasDefer(plan.node));
    let operation: Operation;
    try {
      operation = operationFromDocument(
        loaded.apiSchemaInternal,
        { kind: Kind.DOCUMENT, definitions: [operationContext.operation, ...Object.values(operationContext.fragments)] },
        { validate: false },
      );
    } catch (error) {
      if (error instanceof GraphQLError) return { operationContext, plan, operation: null, shaper: null, failure: { errors: [error] }, viaGateway: false };
      throw error;
    }
    return { operationContext, plan, operation, shaper: viaGateway ? null : new ResponseShaper(operation), failure: null, viaGateway };
  }

  private async run(loaded: LoadedSchema, prepared: Prepared, requestContext: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> {
    const { operation, shaper, plan, operationContext } = prepared;
    if (prepared.failure) return prepared.failure;
    if (prepared.viaGateway || requestContext.metrics.captureTraces || !operation || !shaper) {
      return executeQueryPlan(plan, loaded.services, requestContext as never, operationContext, loaded.supergraphSchema, loaded.apiSchemaInternal);
    }

    const errors: GraphQLError[] = [];
    const merged: Record<string, unknown> = {};
    if (plan.node) {
      const context = {
        services: loaded.services,
        requestContext,
        supergraphSchema: loaded.supergraphSchema,
        variableDefinitions: operation.variableDefinitions,
        errors,
      };
      await executePlanNode(context, plan.node as PlanNode, merged);
    }
    try {
      const variables = requestContext.request.variables;
      const introspect = (selection: FieldSelection) =>
        executeIntrospection(operationContext.schema, selection.expandFragments().toSelectionNode() as FieldNode, operationContext.operation.variableDefinitions, variables);
      const { data, errors: completionErrors } = shaper.shape(merged, variables, introspect);
      if (errors.length === 0 && completionErrors.length > 0) return { extensions: { valueCompletion: completionErrors }, data };
      return errors.length === 0 ? { data } : { errors, data };
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      if (error instanceof Error) return { errors: [new GraphQLError(error.message, { originalError: error })] };
      requestContext.logger.error(`Unexpected error during query plan execution: ${String(error)}`);
      return { errors: [new GraphQLError('Unexpected error during query plan execution')] };
    }
  }

  /** The gateway's `Apollo-Query-Plan-Experimental` answer, where allowed. */
  private withQueryPlan(response: GatewayExecutionResult, plan: QueryPlan, requestContext: GatewayGraphQLRequestContext): GatewayExecutionResult {
    const headers = requestContext.request.http?.headers;
    if (!this.options.exposeQueryPlan || !headers?.get('Apollo-Query-Plan-Experimental')) return response;
    const format = headers.get('Apollo-Query-Plan-Experimental-Format') ?? 'prettified';
    const pretty = plan.node ? prettyFormatQueryPlan(plan) : null;
    return { ...response, extensions: { __queryPlanExperimental: format === 'prettified' ? (pretty ?? true) : format === 'internal' ? plan : true } };
  }
}

function hasDefer(node: PlanNode): boolean {
  switch (node.kind) {
    case 'Defer':
      return true;
    case 'Sequence':
    case 'Parallel':
      return node.nodes.some(hasDefer);
    case 'Flatten':
      return hasDefer(node.node);
    case 'Condition':
      return [node.ifClause, node.elseClause].some((branch) => branch !== undefined && hasDefer(branch));
    case 'Fetch':
      return false;
  }
}
