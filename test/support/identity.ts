import type { Logger } from '@lobby/platform';
import { createIdentityApp, type IdentityApp } from '../../subgraphs/identity/src/app.js';
import { identityDatabase } from '../../subgraphs/identity/src/database.js';
import { loadIdentityEnv } from '../../subgraphs/identity/src/env.js';
import { startSubgraph, type RunningSubgraph } from './subgraph.js';

export interface RunningIdentity extends RunningSubgraph<IdentityApp> {
  jwksUrl: string;
}

/** identity on a fresh, migrated database and Redis namespace of its own, listening on a free port. */
export async function startIdentity(overrides: Record<string, string> = {}, logger?: Logger): Promise<RunningIdentity> {
  const running = await startSubgraph({ name: 'identity', loadEnv: loadIdentityEnv, database: identityDatabase, createApp: createIdentityApp }, overrides, logger);
  return { ...running, jwksUrl: `${running.url}/.well-known/jwks.json` };
}
