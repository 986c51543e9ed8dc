/**
 * The stable `extensions.code` values clients switch on. Anything not listed here reaches a
 * client only as INTERNAL_SERVER_ERROR, masked, with the request id to quote.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A dependency (a subgraph, the key service) is unreachable; retrying later may succeed. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // An operation refused by the router for its shape, before anything ran (router/src/limits).
  TOKEN_LIMIT_EXCEEDED: 'TOKEN_LIMIT_EXCEEDED',
  DEPTH_LIMIT_EXCEEDED: 'DEPTH_LIMIT_EXCEEDED',
  ALIAS_LIMIT_EXCEEDED: 'ALIAS_LIMIT_EXCEEDED',
  ROOT_FIELD_LIMIT_EXCEEDED: 'ROOT_FIELD_LIMIT_EXCEEDED',
  DIRECTIVE_LIMIT_EXCEEDED: 'DIRECTIVE_LIMIT_EXCEEDED',
  COST_LIMIT_EXCEEDED: 'COST_LIMIT_EXCEEDED',
  /** Trusted-documents mode: the operation is not in the registered manifest. */
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const publicCodes = new Set<string>(Object.values(ErrorCode));

/** Codes that the router and subgraphs pass to clients as they are. */
export function isPublicErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && publicCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;
}
