import { createHash } from 'node:crypto';
import { Kind, parse, print, visit } from 'graphql';

/**
 * Builds Apollo's persisted query manifest from the text of a client's .graphql files: one entry
 * per operation, its body the operation and every fragment it uses (printed canonically), its id
 * the SHA-256 of that body. Fails on an anonymous operation, a duplicate name or a missing fragment.
 */
export function buildManifest(sources) {
  const operations = [];
  const fragments = new Map();
  for (const { name, text } of sources) {
    for (const definition of parse(text, { noLocation: true }).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      else if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) throw new Error(`${name}: every operation needs a name`);
        operations.push(definition);
      }
    }
  }
  const seen = new Set();
  const entries = operations.map((operation) => {
    const operationName = operation.name.value;
    if (seen.has(operationName)) throw new Error(`operation ${operationName} is defined twice`);
    seen.add(operationName);
    const used = fragmentsUsedBy(operation, fragments, operationName);
    const body = [operation, ...used].map((definition) => print(definition)).join('\n\n');
    return { id: createHash('sha256').update(body).digest('hex'), name: operationName, type: operation.operation, body };
  });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: entries };
}

function fragmentsUsedBy(node, fragments, operationName, found = new Map()) {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (found.has(name)) return;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`operation ${operationName} uses fragment ${name}, which no file defines`);
      found.set(name, fragment);
      fragmentsUsedBy(fragment, fragments, operationName, found);
    },
  });
  return [...found.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}
