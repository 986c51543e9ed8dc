import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let router: RunningRouter;

beforeAll(async () => {
  identity = await startIdentity();
  router = await startRouter(identity);
});

afterAll(async () => {
  await router?.close();
  await identity?.close();
});

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  const audits = serverAudits({ url: () => router.graphqlUrl, fetchFn: fetch });
  it.each(audits.filter((audit) => audit.name.startsWith('MUST')).map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
  });
});

describe('content negotiation', () => {
  const post = (accept: string, query: string) =>
    fetch(router.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query }) });

  it('answers application/graphql-response+json when asked for it, with 4xx for a request error', async () => {
    const ok = await post('application/graphql-response+json', '{ __typename }');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const invalid = await post('application/graphql-response+json', '{ noSuchField }');
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('answers application/json to a legacy client', async () => {
    const response = await post('application/json', '{ __typename }');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
