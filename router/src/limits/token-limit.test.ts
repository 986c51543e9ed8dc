import { describe, expect, it } from 'vitest';
import { recodeTokenLimit } from './token-limit.js';

describe('recodeTokenLimit', () => {
  it("gives the parser's token-limit failure its own code", () => {
    const parserError = { message: 'Syntax Error: Document contains more that 4000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(recodeTokenLimit(parserError)).toEqual({ message: 'Operation has more than 4000 tokens.', extensions: { code: 'TOKEN_LIMIT_EXCEEDED' } });
  });

  it('leaves every other error alone', () => {
    const other = { message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(recodeTokenLimit(other)).toBe(other);
  });
});
