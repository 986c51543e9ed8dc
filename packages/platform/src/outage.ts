import { ConnectionException } from '@mikro-orm/core';

// Connection-level failures from Node, PostgreSQL (SQLSTATE classes 08 and 57P0x) and the pool.
const OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03']);

/**
 * Whether an error means a dependency (the database, Redis) is unreachable rather than that the
 * request or the code is wrong: the client should retry later, not report a bug.
 */
export function isDependencyOutage(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current instanceof ConnectionException) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (OUTAGE_CODES.has(code) || code.startsWith('08'))) return true;
    if (/Connection terminated|Timeout acquiring a connection|Connection is closed/i.test(current.message)) return true;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
