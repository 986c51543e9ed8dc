import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { defaultOperationLimits } from './operation-limits.js';
import { checkShapeLimits } from './static-limits.js';

const schema = buildSchema('type Query { node: Node  a: Int  b: Int } type Node { id: ID  child: Node }');
const limits = { ...defaultOperationLimits, maxDepth: 5, maxAliases: 3, maxRootFields: 2, maxDirectives: 2 };
const codeOf = (query: string) => {
  try {
    checkShapeLimits(schema, parse(query), limits);
    return 'accepted';
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
};

describe('checkShapeLimits', () => {
  it('accepts an operation within every limit', () => {
    expect(codeOf('{ node { child { id } } a }')).toBe('accepted');
  });

  it.each([
    ['too deep', `{ node ${'{ child '.repeat(6)}{ id }${' }'.repeat(6)} }`, 'DEPTH_LIMIT_EXCEEDED'],
    ['too deep through fragments', '{ node { ...F } } fragment F on Node { child { child { child { child { child { id } } } } } }', 'DEPTH_LIMIT_EXCEEDED'],
    ['too many aliases', '{ x1: a x2: a x3: b x4: b }', 'ALIAS_LIMIT_EXCEEDED'],
    ['too many root fields', '{ a b node { id } }', 'ROOT_FIELD_LIMIT_EXCEEDED'],
    ['too many root fields through a fragment', '{ ...R node { id } } fragment R on Query { a b }', 'ROOT_FIELD_LIMIT_EXCEEDED'],
    ['too many directives', '{ a @skip(if: false) @include(if: true) b @skip(if: false) }', 'DIRECTIVE_LIMIT_EXCEEDED'],
  ])('refuses an operation %s', (_name, query, code) => {
    expect(codeOf(query)).toBe(code);
  });
});
