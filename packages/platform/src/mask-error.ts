import { ErrorCode, isPublicErrorCode } from '@lobby/contracts';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { isDependencyOutage } from './outage.js';
import { currentRequestId } from './request-scope.js';

/**
 * Apollo's formatError: expected errors (a public code) pass as they are; anything else is
 * logged in full and reaches the client as a masked INTERNAL_SERVER_ERROR carrying the request
 * id, so a user can quote it and an operator can find the log line.
 */
export function maskUnexpectedErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isPublicErrorCode(code) || isGraphQLRequestError(code)) {
      return { ...formatted, extensions: stripStacktrace(formatted.extensions) };
    }
    const requestId = currentRequestId();
    if (isDependencyOutage(error)) {
      logger.warn({ err: unwrap(error), requestId, path: formatted.path }, 'dependency unavailable');
      return {
        message: 'A service this request needs is unavailable. Try again shortly.',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, ...(requestId ? { requestId } : {}) },
      };
    }
    logger.error({ err: unwrap(error), requestId, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
    };
  };
}

// Apollo's own request-level codes (parse and validation failures, bad requests) are safe to show.
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function isGraphQLRequestError(code: unknown): boolean {
  return typeof code === 'string' && requestErrorCodes.has(code);
}

function stripStacktrace(extensions: GraphQLFormattedError['extensions']) {
  if (!extensions || !('stacktrace' in extensions)) return extensions;
  const { stacktrace: _dropped, ...rest } = extensions;
  return rest;
}

function unwrap(error: unknown): unknown {
  return error instanceof Error && 'originalError' in error && error.originalError ? error.originalError : error;
}
