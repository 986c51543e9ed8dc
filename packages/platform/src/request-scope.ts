import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Runs one request's work with its scope, so that code far from the HTTP handler (Apollo's
 * formatError, loggers) can name the request it serves.
 */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

const acceptableRequestId = /^[A-Za-z0-9._:-]{8,64}$/;

/** Keeps a well-formed incoming id (so a trace spans systems) and replaces anything else. */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && acceptableRequestId.test(incoming) ? incoming : randomUUID();
}
