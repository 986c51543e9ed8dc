import { randomUUID } from 'node:crypto';
import { signCallerContext, type CallerContext } from '@lobby/platform';
import type { GraphQLResult } from './graphql.js';
import { testSecrets } from './secrets.js';

/** Calls a subgraph directly, as the router would: signed with the shared secret. */
export async function signedPost<Data = Record<string, unknown>>(
  graphqlUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  caller: Partial<CallerContext> = {},
): Promise<GraphQLResult<Data>> {
  const body = JSON.stringify({ query, variables });
  const context: CallerContext = { userId: null, sessionId: null, requestId: randomUUID(), clientIp: '203.0.113.7', ...caller };
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lobby-context': signCallerContext(context, body, testSecrets.INTERNAL_SIGNING_SECRET) },
    body,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResult<Data>['body'] };
}
