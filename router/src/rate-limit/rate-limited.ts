import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '@lobby/contracts';
import { GraphQLError } from 'graphql';

/** HTTP 429 with a Retry-After header, and the same hint in the error for GraphQL clients. */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests. Try again in ${retryAfterSeconds} s.`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfter: retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}
