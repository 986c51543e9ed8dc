import { ConnectionException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from './errors.js';
import { maskUnexpectedErrors } from './mask-error.js';
import { runInRequestScope } from './request-scope.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { mask: maskUnexpectedErrors(logger), lines };
}
const formatted = (error: GraphQLError) => error.toJSON();

describe('maskUnexpectedErrors', () => {
  it('passes an expected error through as it is', () => {
    const { mask, lines } = capture();
    const error = new NotFoundError('Listing');
    expect(mask(formatted(error), error)).toEqual({ message: 'Listing not found.', extensions: { code: 'NOT_FOUND' } });
    expect(lines).toEqual([]);
  });

  it('masks anything else, with the request id to quote, and logs the full error', () => {
    const { mask, lines } = capture();
    const error = new GraphQLError('relation "secret_table" does not exist', { originalError: new Error('relation "secret_table" does not exist') });
    const masked = runInRequestScope({ requestId: 'req-12345678' }, () => mask(formatted(error), error));
    expect(masked).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-12345678' } });
    expect(JSON.stringify(masked)).not.toContain('secret_table');
    expect(lines).toEqual([expect.objectContaining({ requestId: 'req-12345678', msg: 'unexpected error', err: expect.objectContaining({ message: expect.stringContaining('secret_table') }) })]);
  });

  it('says a dependency is unavailable when the database is unreachable', () => {
    const { mask } = capture();
    const cause = new ConnectionException(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    const error = new GraphQLError(cause.message, { originalError: cause });
    expect(mask(formatted(error), error).extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
