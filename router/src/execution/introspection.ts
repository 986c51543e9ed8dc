import { executeSync, Kind, OperationTypeNode, visit, type DocumentNode, type FieldNode, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';

/**
 * `__schema` and `__type` in a gateway operation: no subgraph answers them; they run against the
 * API schema, with only the variables they use (as @apollo/gateway's executeIntrospection).
 */
export function executeIntrospection(
  schema: GraphQLSchema,
  field: FieldNode,
  variableDefinitions: readonly VariableDefinitionNode[] | undefined,
  variableValues: Record<string, unknown> | undefined,
): unknown {
  const used = new Set<string>();
  visit(field, { Variable: ({ name }) => void used.add(name.value) });
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        variableDefinitions: variableDefinitions?.filter((definition) => used.has(definition.variable.name.value)),
        selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
      },
    ],
  };
  const { data, errors } = executeSync({ schema, document, rootValue: {}, variableValues });
  if (errors?.length || !data) throw new Error(`Introspection query for ${field.name.value} should not have failed but got ${JSON.stringify(errors)}`);
  return data[field.alias?.value ?? field.name.value];
}
