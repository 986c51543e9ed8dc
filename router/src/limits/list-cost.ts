import {
  Kind,
  TypeInfo,
  getNullableType,
  isListType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

const SIZE_ARGUMENTS = new Set(['first', 'last', 'limit']);

export type CostOf = (variables: Record<string, unknown> | undefined) => number;

/**
 * The cost of an operation, counting list sizes: every field costs 1 times the product of the
 * sizes of the lists it sits in. A field with a `first`/`last`/`limit` argument multiplies its
 * subtree by that number (a Relay connection's `edges` then count once, not again); a list
 * field without one by `assumedListSize`. `a(first: 10000) { b(first: 10000) { id } }` costs
 * about 10^8 and is refused before any subgraph is called, whatever each subgraph's own cap.
 *
 * Reading the schema is done once per document; what is returned prices given variables.
 */
export function costModel(schema: GraphQLSchema, document: DocumentNode, assumedListSize: number): CostOf {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fields = new Map<FieldNode, { size: ValueNode | null; isList: boolean }>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = typeInfo.getType();
        fields.set(node, {
          size: node.arguments?.find((argument) => SIZE_ARGUMENTS.has(argument.name.value))?.value ?? null,
          isList: type ? isListType(getNullableType(type)) : false,
        });
      },
    }),
  );

  return (variables) => {
    const costOf = (selectionSet: SelectionSetNode | undefined, factor: number, parentSized: boolean, seen: Set<string>): number => {
      let total = 0;
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          const field = fields.get(selection);
          const size = field?.size ? numericValue(field.size, variables) : null;
          // The list directly under a sized field (edges, nodes) is the list that size already counted.
          const own = size ?? (field?.isList && !parentSized ? assumedListSize : 1);
          total += factor + costOf(selection.selectionSet, factor * Math.max(own, 1), size !== null, seen);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          total += costOf(selection.selectionSet, factor, parentSized, seen);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !seen.has(name)) total += costOf(fragment.selectionSet, factor, parentSized, new Set(seen).add(name));
        }
      }
      return total;
    };
    let cost = 0;
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) cost += costOf(definition.selectionSet, 1, false, new Set());
    }
    return cost;
  };
}

function numericValue(value: ValueNode, variables: Record<string, unknown> | undefined): number | null {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables?.[value.name.value];
    return typeof given === 'number' && Number.isFinite(given) ? given : null;
  }
  return null;
}
