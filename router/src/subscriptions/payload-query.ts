import {
  Kind,
  getOperationAST,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';

const PAYLOAD_VARIABLE_PREFIX = '__payload_';

export interface PayloadQuery {
  query: string;
  /** The key the client expects the payload under (its alias, or the field name). */
  responseKey: string;
  /** Variables for one event: the subscriber's own, plus the event's payload arguments. */
  variables(eventArguments: Record<string, unknown>): Record<string, unknown>;
}

/** The subscription operation's single root field (graphql-js validation guarantees there is one). */
export function subscriptionRootField(document: DocumentNode, operationName?: string | null): FieldNode {
  const operation = getOperationAST(document, operationName);
  const field = operation?.selectionSet.selections[0];
  if (operation?.operation !== 'subscription' || field?.kind !== Kind.FIELD) throw new Error('Not a subscription operation');
  return field;
}

/**
 * The query that builds one subscriber's payload for an event: the subscriber's selection set,
 * under the Query field the event names (`message(id: …)` for `messageAdded`), keeping the
 * subscriber's alias, fragments and variables. Event arguments are variables, so the text is
 * the same for every event and Apollo's parse, validation and plan caches all hit.
 */
export function buildPayloadQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  subscriberVariables: Record<string, unknown> | undefined,
  payloadField: string,
): PayloadQuery {
  const root = subscriptionRootField(document, operationName);
  const fieldDefinition = schema.getQueryType()?.getFields()[payloadField];
  if (!fieldDefinition) throw new Error(`Query.${payloadField} does not exist`);
  const responseKey = root.alias?.value ?? root.name.value;
  const payloadVariables: VariableDefinitionNode[] = fieldDefinition.args.map((argument) => ({
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: PAYLOAD_VARIABLE_PREFIX + argument.name } },
    type: parseTypeReference(String(argument.type)),
  }));
  const field: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: payloadField },
    arguments: fieldDefinition.args.map((argument) => ({
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: argument.name },
      value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: PAYLOAD_VARIABLE_PREFIX + argument.name } },
    })),
    selectionSet: root.selectionSet,
  };
  // A scalar subscription (`unreadNotificationCountChanged: Int!`) selects nothing, and nor does its payload field.
  const { fragments, variables } = root.selectionSet ? usedBy(root.selectionSet, document) : { fragments: [], variables: new Set<string>() };
  const subscriberOperation = getOperationAST(document, operationName)!;
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: { kind: Kind.NAME, value: 'SubscriptionPayload' },
    variableDefinitions: [...(subscriberOperation.variableDefinitions ?? []).filter((definition) => variables.has(definition.variable.name.value)), ...payloadVariables],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
  };
  const query = print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] });
  const kept = Object.fromEntries(Object.entries(subscriberVariables ?? {}).filter(([name]) => variables.has(name)));
  return {
    query,
    responseKey,
    variables: (eventArguments) => ({
      ...kept,
      ...Object.fromEntries(fieldDefinition.args.map((argument) => [PAYLOAD_VARIABLE_PREFIX + argument.name, eventArguments[argument.name]])),
    }),
  };
}

/**
 * What the owning subgraph is asked at subscribe time: the same root field and arguments, with
 * nothing selected but `__typename` (the subgraph knows only its own fields), or nothing at all
 * for a scalar field.
 */
export function buildAccessCheckQuery(document: DocumentNode, operationName?: string | null): string {
  const root = subscriptionRootField(document, operationName);
  const operation = getOperationAST(document, operationName)!;
  const { variables } = usedBy({ kind: Kind.SELECTION_SET, selections: [{ ...root, selectionSet: undefined }] }, document);
  return print({
    kind: Kind.DOCUMENT,
    definitions: [
      {
        ...operation,
        directives: [],
        variableDefinitions: (operation.variableDefinitions ?? []).filter((definition) => variables.has(definition.variable.name.value)),
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            {
              ...root,
              directives: [],
              selectionSet: root.selectionSet && { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] },
            },
          ],
        },
      },
    ],
  });
}

/** The fragments a selection set spreads (transitively) and the variables it, and they, use. */
function usedBy(selectionSet: SelectionSetNode, document: DocumentNode) {
  const all = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const fragments = new Map<string, FragmentDefinitionNode>();
  const variables = new Set<string>();
  const walk = (node: SelectionSetNode | FragmentDefinitionNode) =>
    visit(node, {
      Variable: (variable) => void variables.add(variable.name.value),
      FragmentSpread: (spread) => {
        const fragment = all.get(spread.name.value);
        if (fragment && !fragments.has(fragment.name.value)) {
          fragments.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  walk(selectionSet);
  return { fragments: [...fragments.values()], variables };
}

function parseTypeReference(type: string): VariableDefinitionNode['type'] {
  if (type.endsWith('!')) return { kind: Kind.NON_NULL_TYPE, type: parseTypeReference(type.slice(0, -1)) as never };
  if (type.startsWith('[')) return { kind: Kind.LIST_TYPE, type: parseTypeReference(type.slice(1, -1)) };
  return { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } };
}
