import { ErrorCode } from '@lobby/contracts';
import { GraphQLError } from 'graphql';

/** Expected failures: each carries a stable code that clients switch on. */
export class UserInputError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'You must be signed in.') {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = 'You may not do that.') {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(what: string) {
    super(`${what} not found.`, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.CONFLICT } });
  }
}

export class RateLimitedError extends GraphQLError {
  constructor(retryAfterSeconds: number) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super(`Too many attempts. Try again in ${retryAfter} s.`, {
      extensions: { code: ErrorCode.RATE_LIMITED, retryAfter },
    });
  }
}

/** A service this request needs did not answer in time; retrying later may succeed. */
export class ServiceUnavailableError extends GraphQLError {
  constructor(message: string, cause?: unknown) {
    super(message, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE }, originalError: cause instanceof Error ? cause : undefined });
  }
}
