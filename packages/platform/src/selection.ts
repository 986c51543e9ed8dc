import { Kind, type GraphQLResolveInfo } from 'graphql';

/**
 * Whether the field being resolved selects nothing but `fields` (no fragments): then a resolver
 * that already holds those values can skip loading the rest.
 */
export function selectsOnly(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every((selection) => selection.kind === Kind.FIELD && fields.includes(selection.name.value)),
  );
}
