import { GraphQLError, parse, subscribe, type GraphQLSchema } from 'graphql';

interface SubscriptionRequest {
  query?: unknown;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/**
 * May this caller subscribe to this operation? Runs the subscription field's own `subscribe`
 * resolver (where the subgraph checks access, e.g. "participants only") with the caller's
 * context, and closes the stream at once: live events reach subscribers through the router, not
 * from here. Answers `{}` when allowed, `{ errors }` when not.
 */
export async function checkSubscription(schema: GraphQLSchema, request: SubscriptionRequest, contextValue: unknown): Promise<{ errors?: readonly GraphQLError[] }> {
  if (typeof request.query !== 'string') return { errors: [new GraphQLError('A subscription check needs a query.')] };
  const result = await subscribe({
    schema,
    document: parse(request.query),
    variableValues: request.variables,
    operationName: request.operationName,
    contextValue,
  });
  if (Symbol.asyncIterator in result) {
    await result.return?.();
    return {};
  }
  return { errors: result.errors ?? [] };
}
