/** Everything a client's operation may ask of the router, in one place. */
export interface OperationLimits {
  /** Nested selection depth (fragments followed). */
  maxDepth: number;
  maxAliases: number;
  /** Fields selected at the root of one operation. */
  maxRootFields: number;
  maxDirectives: number;
  /** Lexical tokens in the document: bounds the parser's work before anything else. */
  maxTokens: number;
  /** See list-cost.ts: every field costs 1, multiplied by the sizes of the lists around it. */
  maxCost: number;
  /** Assumed size of a list field that takes no `first`/`last`/`limit` argument. */
  assumedListSize: number;
}

/**
 * Generous for real screens, fatal for abuse. The standard benchmark's TestQuery (depth 8, an
 * 87.6 KB answer from unpaginated lists) prices at about 108,000 with lists assumed at 10;
 * `first: 10000` inside `first: 10000` at 10^8.
 */
export const defaultOperationLimits: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxDirectives: 20,
  maxTokens: 4000,
  maxCost: 250_000,
  assumedListSize: 10,
};
