import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifest } from '../../scripts/lib/trusted-documents.mjs';
import { uniqueRedisPrefix } from '../support/database.js';
import { errorCodes, type GraphQLResult } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let workDir: string;
const running: RunningRouter[] = [];

beforeAll(async () => {
  identity = await startIdentity();
  workDir = await mkdtemp(join(tmpdir(), 'lobby-pq-'));
});

afterAll(async () => {
  await Promise.all(running.map((router) => router.close()));
  await identity?.close();
  await rm(workDir, { recursive: true, force: true });
});

async function router(overrides: Record<string, string> = {}) {
  const started = await startRouter(identity, overrides);
  running.push(started);
  return started;
}

async function send(url: string, body: Record<string, unknown>): Promise<GraphQLResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResult['body'] };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('automatic persisted queries', () => {
  it('serves a registered hash without the query text, from any replica', async () => {
    const prefix = uniqueRedisPrefix('apq');
    const [first, second] = [await router({ REDIS_KEY_PREFIX: prefix }), await router({ REDIS_KEY_PREFIX: prefix })];
    const query = '{ __typename me { id } }';
    const hash = sha256(query);

    expect(errorCodes(await send(first!.graphqlUrl, persisted(hash)))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await send(first!.graphqlUrl, { query, ...persisted(hash) })).body).toEqual({ data: { __typename: 'Query', me: null } });
    expect((await send(second!.graphqlUrl, persisted(hash))).body).toEqual({ data: { __typename: 'Query', me: null } });
  });
});

describe('trusted-documents mode', () => {
  let trusted: RunningRouter;
  let meId: string;
  let meBody: string;

  beforeAll(async () => {
    const manifest = buildManifest([{ name: 'me.graphql', text: 'query Me { me { id displayName } }' }]);
    const [me] = manifest.operations;
    [meId, meBody] = [me!.id, me!.body];
    const path = join(workDir, 'manifest.json');
    await writeFile(path, JSON.stringify(manifest));
    trusted = await router({ TRUSTED_DOCUMENTS_MANIFEST: path });
  });

  it('runs a registered operation by hash alone, or by its text', async () => {
    expect((await send(trusted.graphqlUrl, persisted(meId))).body).toEqual({ data: { me: null } });
    expect((await send(trusted.graphqlUrl, { query: meBody })).body).toEqual({ data: { me: null } });
  });

  it('refuses an operation that is not registered, as text or as an attempt to register it', async () => {
    const query = '{ __typename }';
    const asText = await send(trusted.graphqlUrl, { query });
    expect(asText.status).toBe(400);
    expect(errorCodes(asText)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(errorCodes(await send(trusted.graphqlUrl, { query, ...persisted(sha256(query)) }))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(errorCodes(await send(trusted.graphqlUrl, persisted(sha256(query))))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});
