import { ErrorCode } from '@lobby/contracts';
import type { GraphQLFormattedError } from 'graphql';

// graphql-js 16 words it "Document contains more that N tokens" (sic).
const TOKEN_LIMIT_MESSAGE = /contains more tha[nt] (\d+) tokens/;

/**
 * The token limit is enforced by the parser itself (Apollo Server's `parseOptions.maxTokens`), so
 * parsing stops at the limit. Apollo reports that as a generic parse failure; this gives it its
 * own code, like the other limits.
 */
export function recodeTokenLimit(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const match = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT_MESSAGE.exec(formatted.message) : null;
  if (!match) return formatted;
  return {
    message: `Operation has more than ${match[1]} tokens.`,
    extensions: { code: ErrorCode.TOKEN_LIMIT_EXCEEDED },
  };
}
