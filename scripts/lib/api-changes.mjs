import { Supergraph } from '@apollo/federation-internals';
import { findBreakingChanges, findDangerousChanges } from 'graphql';

/**
 * The schema clients see: the supergraph without join/link machinery and `@inaccessible`
 * elements. Breaking changes only matter here; a change to routing metadata breaks no client.
 */
export function apiSchemaOf(supergraphSdl) {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * Client-facing changes from `baseSupergraph` to `currentSupergraph`, as graphql-js classifies
 * them: breaking (a client's valid operation may fail) and dangerous (may change behaviour).
 * @returns {{ breaking: string[], dangerous: string[] }}
 */
export function compareApiSchemas(baseSupergraph, currentSupergraph) {
  const before = apiSchemaOf(baseSupergraph);
  const after = apiSchemaOf(currentSupergraph);
  const describe = (change) => `[${change.type}] ${change.description}`;
  return {
    breaking: findBreakingChanges(before, after).map(describe),
    dangerous: findDangerousChanges(before, after).map(describe),
  };
}
