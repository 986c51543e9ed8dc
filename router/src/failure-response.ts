import { Kind, parse, type GraphQLError, type OperationDefinitionNode } from 'graphql';

interface FailureResponse {
  data: null;
  errors: Array<{ message: string; path: Array<string | number>; extensions: Record<string, unknown> }>;
}

/**
 * What a subgraph fetch that failed (down, timed out, circuit open) answers in place of the
 * subgraph: no data, and an error on every path the fetch was for — each root field, or each
 * entity of an `_entities` fetch. The gateway maps those paths into the client's response, so the
 * client sees exactly which fields are missing while the rest of its data arrives.
 */
export function failureResponse(query: string, variables: Record<string, unknown> | undefined, failure: GraphQLError): FailureResponse {
  const operation = parse(query, { noLocation: true }).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const paths: Array<Array<string | number>> = [];
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    const representations = variables?.representations;
    if (key === '_entities' && Array.isArray(representations)) representations.forEach((_, index) => paths.push([key, index]));
    else paths.push([key]);
  }
  return { data: null, errors: paths.map((path) => ({ message: failure.message, path, extensions: { ...failure.extensions } })) };
}
