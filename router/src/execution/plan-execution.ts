import { ERRORS, errorCodeDef, type VariableDefinitions } from '@apollo/federation-internals';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { applyRewrites, isObjectOfType } from '@apollo/gateway/dist/dataRewrites.js';
import { generateHydratedPaths } from '@apollo/gateway/dist/executeQueryPlan.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import { evaluateCondition, type FetchNode, type PlanNode, type QueryPlanSelectionNode, type ResponsePath } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';

/**
 * Runs a query plan's fetches and merges what they return into one tree of data, as
 * @apollo/gateway's `executeQueryPlan` does — the same requests, merge, rewrites and error paths —
 * without what Lobby does not use: an OpenTelemetry span and a usage-reporting trace node per plan
 * node, built on every request even when nothing reads them. Plans with @defer or a subscription
 * never come here (see plan-executor.ts).
 */

type Data = Record<string, unknown>;

export interface PlanContext {
  services: Record<string, GraphQLDataSource>;
  requestContext: GatewayGraphQLRequestContext;
  /** The supergraph as a graphql-js schema: type conditions in `requires` and rewrites. */
  supergraphSchema: GraphQLSchema;
  variableDefinitions: VariableDefinitions;
  errors: GraphQLError[];
}

interface Cursor {
  path: ResponsePath;
  data: unknown;
  fullResult: Data;
}

// The gateway's GraphQLDataSourceRequestKind.INCOMING_OPERATION (its enum is not exported).
const INCOMING_OPERATION = 'incoming operation';

/** Executes `node` and merges every answer into `data`; subgraph and fetch errors go to `context.errors`. */
export async function executePlanNode(context: PlanContext, node: PlanNode, data: Data): Promise<void> {
  await executeNode(context, node, { path: [], data, fullResult: data });
}

async function executeNode(context: PlanContext, node: PlanNode, cursor: Cursor): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(context, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(context, child, cursor)));
      return;
    case 'Flatten': {
      const data = flattenAt(cursor.data, node.path, 0);
      if (data) await executeNode(context, node.node, { path: cursor.path.concat(node.path), data, fullResult: cursor.fullResult });
      return;
    }
    case 'Fetch':
      try {
        await executeFetch(context, node, cursor);
      } catch (error) {
        context.errors.push(error as GraphQLError);
      }
      return;
    case 'Condition': {
      const branch = evaluateCondition(node, context.variableDefinitions, context.requestContext.request.variables) ? node.ifClause : node.elseClause;
      if (branch) await executeNode(context, branch, cursor);
      return;
    }
    case 'Defer':
      throw new Error('@defer support is not available in the gateway');
  }
}

async function executeFetch(context: PlanContext, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = context.services[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities = (Array.isArray(cursor.data) ? cursor.data.filter((entity) => entity !== null && entity !== undefined) : [cursor.data]) as Data[];
  if (entities.length < 1) return;

  const variables: Data = Object.create(null) as Data;
  const provided = context.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
  }

  if (!fetch.requires) {
    const received = await send(context, fetch, cursor, variables);
    if (received) applyRewrites(context.supergraphSchema, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }

  const { representations, placesOf, indexesOf } = distinctRepresentations(context.supergraphSchema, fetch, entities);
  if (representations.length < 1) return;
  if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');
  const received = await send(context, fetch, cursor, { ...variables, representations }, indexesOf);
  if (!received) return;
  const receivedEntities = received._entities;
  if (!Array.isArray(receivedEntities)) throw new Error('Expected "data._entities" in response to be an array');
  if (receivedEntities.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let index = 0; index < receivedEntities.length; index++) {
    const receivedEntity = receivedEntities[index] as Data | null;
    const places = placesOf[index]!;
    if (receivedEntity && !receivedEntity.__typename) receivedEntity.__typename = places[0]!.__typename;
    applyRewrites(context.supergraphSchema, fetch.outputRewrites, receivedEntity as Data);
    for (const entity of places) deepMerge(entity, receivedEntity);
  }
}

/**
 * One representation per distinct entity: the same user or product reached by many paths is asked
 * for once (as Apollo Router does), and its answer merged once into each distinct object standing
 * for it (`placesOf`). After such a merge, objects below it are shared between paths, so the next
 * level meets the same object many times: it is recognised by identity before any work. Every
 * position still counts for error paths (`indexesOf`, indexes into `entities`).
 */
function distinctRepresentations(schema: GraphQLSchema, fetch: FetchNode, entities: Data[]) {
  const representations: Data[] = [];
  const placesOf: Data[][] = [];
  const indexesOf: number[][] = [];
  const byKey = new Map<string, number>();
  // Entity object → its representation's index, or -1 if it has none.
  const byObject = new Map<Data, number>();
  for (let index = 0; index < entities.length; index++) {
    const entity = entities[index]!;
    let at = byObject.get(entity);
    if (at === undefined) {
      const representation = representationOf(schema, entity, fetch.requires!);
      if (representation?.__typename) {
        applyRewrites(schema, fetch.inputRewrites, representation);
        const key = representationKey(representation);
        at = byKey.get(key);
        if (at === undefined) {
          at = representations.push(representation) - 1;
          byKey.set(key, at);
          placesOf.push([]);
          indexesOf.push([]);
        }
        placesOf[at]!.push(entity);
      } else {
        at = -1;
      }
      byObject.set(entity, at);
    }
    if (at >= 0) indexesOf[at]!.push(index);
  }
  return { representations, placesOf, indexesOf };
}

/**
 * Sends one fetch. `entitiesOf` maps each representation sent to the entities it stands for (their
 * indexes in the flattened list), so an error on `_entities[i]` is reported at each of them.
 */
async function send(context: PlanContext, fetch: FetchNode, cursor: Cursor, variables: Data, entitiesOf?: number[][]): Promise<Data | null | undefined> {
  const { requestContext } = context;
  const response = await context.services[fetch.serviceName]!.process({
    kind: INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  } as unknown as GraphQLDataSourceProcessOptions);
  if (response.errors) {
    const errorPaths = lazyErrorPaths(fetch, cursor, entitiesOf);
    for (const error of response.errors) {
      for (const path of errorPaths(error.path)) context.errors.push(downstreamServiceError(error, fetch.serviceName, path));
    }
    // What usage reporting reads when a subgraph sends no trace (as the gateway records it).
    const metrics = requestContext.metrics as { nonFtv1ErrorPaths?: { subgraph: string; path: unknown }[] };
    if (!response.extensions?.ftv1) {
      const paths = response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path }));
      metrics.nonFtv1ErrorPaths = [...(metrics.nonFtv1ErrorPaths ?? []), ...paths];
    }
  }
  return response.data as Data | null | undefined;
}

/** The values at `path` below `value` (`@` = every element of a list), as one flat list. */
function flattenAt(value: unknown, path: ResponsePath, index: number): unknown {
  if (index === path.length || value === undefined || value === null) return value;
  const step = path[index];
  if (step === '@') {
    const out: unknown[] = [];
    for (const element of value as unknown[]) {
      const found = flattenAt(element, path, index + 1);
      if (Array.isArray(found)) for (const item of found) out.push(item);
      else out.push(found);
    }
    return out;
  }
  if (typeof step !== 'string') throw new Error(`Unexpected ${typeof step} found in path`);
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${step}`);
  const object = value as Data;
  return flattenAt(Object.hasOwn(object, step) ? object[step] : undefined, path, index + 1);
}

/** The entity's representation for `_entities`: the fields `requires` names, or null if one is missing. */
function representationOf(schema: GraphQLSchema, source: unknown, selections: readonly QueryPlanSelectionNode[]): Data | null {
  if (source === null) return null;
  const object = source as Data;
  const result: Data = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const responseName = selection.alias ?? selection.name;
      const value = Object.hasOwn(object, responseName) ? object[responseName] : undefined;
      if (value === undefined) return null;
      const inner = selection.selections;
      if (Array.isArray(value)) result[responseName] = value.map((item: unknown) => (inner ? representationOf(schema, item, inner) : item));
      else result[responseName] = inner ? representationOf(schema, value, inner) : value;
    } else if (selection.typeCondition && isObjectOfType(schema, object, selection.typeCondition)) {
      deepMerge(result, representationOf(schema, object, selection.selections));
    }
  }
  return result;
}

/**
 * Identifies a representation: its fields in order, each value tagged with its JSON type (so 1,
 * "1" and null never meet) and strings prefixed with their length (so no value can pass for the
 * next field). Cheaper than JSON.stringify for the flat objects keys are; nested ones (composite
 * keys) use it.
 */
function representationKey(representation: Data): string {
  let key = '';
  for (const name in representation) {
    const value = representation[name];
    if (typeof value === 'string') key += `${name}:s${value.length}:${value};`;
    else if (typeof value === 'object' && value !== null) key += `${name}:o${JSON.stringify(value)};`;
    else key += `${name}:${String(value)};`;
  }
  return key;
}

/**
 * Where a subgraph's error belongs in the client's answer: an error on `_entities[i]` at the path of
 * each entity that representation stands for; any other below the fetch's own path.
 */
function lazyErrorPaths(fetch: FetchNode, cursor: Cursor, entitiesOf: number[][] | undefined): (path: GraphQLFormattedError['path']) => (ResponsePath | undefined)[] {
  let hydrated: ResponsePath[] | undefined;
  return (path) => {
    if (fetch.requires && typeof path?.[1] === 'number') {
      if (!hydrated) {
        hydrated = [];
        generateHydratedPaths([], cursor.path, cursor.fullResult, hydrated);
      }
      const rest = path.slice(2);
      return (entitiesOf?.[path[1]] ?? [path[1]]).map((index) => [...(hydrated![index] ?? []), ...rest]);
    }
    return [path ? [...cursor.path, ...path] : undefined];
  };
}

function downstreamServiceError(original: GraphQLFormattedError, serviceName: string, path: ResponsePath | undefined): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = {
    originalError: original as unknown as Error,
    path,
    extensions: { ...original.extensions, serviceName },
  };
  const codeDef = errorCodeDef(original as unknown as GraphQLError);
  if (!codeDef && original.extensions?.code) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}
