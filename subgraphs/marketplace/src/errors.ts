import { ErrorCode } from '@lobby/contracts';
import { GraphQLError } from 'graphql';

/** A service this request needs (the buildings subgraph) did not answer in time; retrying later may succeed. */
export class ServiceUnavailableError extends GraphQLError {
  constructor(message: string, cause?: unknown) {
    super(message, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE }, originalError: cause instanceof Error ? cause : undefined });
  }
}
