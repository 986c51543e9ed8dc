import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { Kind, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { LimitCode, LimitExceededError } from './limit-error.js';
import type { OperationLimits } from './operation-limits.js';

/** Depth, aliases and directives (graphql-armor's rules), and root fields; throws the first limit exceeded. */
export function checkShapeLimits(schema: GraphQLSchema, document: DocumentNode, limits: OperationLimits): void {
  const exceeded: Array<[LimitCode, GraphQLError]> = [];
  const collect = (code: LimitCode) => ({
    propagateOnRejection: false,
    onReject: [(_context: unknown, error: GraphQLError) => void exceeded.push([code, error])],
  });
  validate(schema, document, [
    maxDepthRule({ n: limits.maxDepth, ...collect(LimitCode.DEPTH) }),
    maxAliasesRule({ n: limits.maxAliases, ...collect(LimitCode.ALIASES) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...collect(LimitCode.DIRECTIVES) }),
  ]);
  const first = exceeded[0];
  if (first) throw new LimitExceededError(first[0], first[1].message.replace(/^Syntax Error: /, ''));

  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const rootFields = countFields(definition.selectionSet, fragments, new Set());
    if (rootFields > limits.maxRootFields) {
      throw new LimitExceededError(LimitCode.ROOT_FIELDS, `Operation selects ${rootFields} root fields; the limit is ${limits.maxRootFields}.`);
    }
  }
}

function countFields(selectionSet: SelectionSetNode, fragments: Map<string, SelectionSetNode>, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countFields(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += countFields(fragment, fragments, new Set(seen).add(selection.name.value));
    }
  }
  return count;
}
