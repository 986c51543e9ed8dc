import { fileURLToPath } from 'node:url';
import { createLogger } from '@lobby/platform';
import { createRouter, type Router } from '../../router/src/app.js';
import { loadRouterEnv } from '../../router/src/env.js';
import type { RunningIdentity } from './identity.js';
import { uniqueRedisPrefix } from './database.js';
import { testSecrets } from './secrets.js';

export const committedSupergraph = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export interface RunningRouter {
  router: Router;
  url: string;
  graphqlUrl: string;
  close: () => Promise<void>;
}

/** The real router on a free port, sending identity's traffic to the test's identity. */
export async function startRouter(identity: Pick<RunningIdentity, 'graphqlUrl' | 'jwksUrl'>, overrides: Record<string, string> = {}): Promise<RunningRouter> {
  const env = loadRouterEnv({
    ...testSecrets,
    NODE_ENV: 'test',
    SUPERGRAPH_PATH: committedSupergraph,
    IDENTITY_JWKS_URL: identity.jwksUrl,
    SUBGRAPH_URL_IDENTITY: identity.graphqlUrl,
    // Rate-limit counters of their own: test files run in parallel from one address.
    REDIS_KEY_PREFIX: uniqueRedisPrefix('router'),
    ...overrides,
  });
  const router = await createRouter(env, createLogger('router', process.env.TEST_LOG_LEVEL ?? 'silent'));
  const port = await router.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return { router, url, graphqlUrl: `${url}/graphql`, close: () => router.close() };
}
