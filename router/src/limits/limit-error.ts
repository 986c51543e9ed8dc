import { ErrorCode } from '@lobby/contracts';
import { GraphQLError } from 'graphql';

export const LimitCode = {
  TOKENS: ErrorCode.TOKEN_LIMIT_EXCEEDED,
  DEPTH: ErrorCode.DEPTH_LIMIT_EXCEEDED,
  ALIASES: ErrorCode.ALIAS_LIMIT_EXCEEDED,
  ROOT_FIELDS: ErrorCode.ROOT_FIELD_LIMIT_EXCEEDED,
  DIRECTIVES: ErrorCode.DIRECTIVE_LIMIT_EXCEEDED,
  COST: ErrorCode.COST_LIMIT_EXCEEDED,
} as const;

export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

/** An operation refused for its shape, before anything ran: HTTP 400 with its own code. */
export class LimitExceededError extends GraphQLError {
  constructor(code: LimitCode, message: string) {
    super(message, { extensions: { code, http: { status: 400 } } });
  }
}
