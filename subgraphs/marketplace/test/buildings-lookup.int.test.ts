// Marketplace learns the caller's ACTIVE buildings from the buildings subgraph
// (docs/adr/0007-marketplace-tenancy.md): once per request, signed as the caller, and with a
// defined answer when buildings is slow, down or confused.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyCallerContext } from '@lobby/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuildings, type RunningBuildings } from '../../../test/support/buildings.js';
import { startDelayingProxy } from '../../../test/support/delaying-proxy.js';
import { freePort } from '../../../test/support/free-port.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { capturingLogger } from '../../../test/support/log-capture.js';
import { CREATE_LISTING, LISTING, LISTINGS, neighbourhoods, newListingInput, startMarketplace, type RunningMarketplace } from '../../../test/support/marketplace.js';
import { testSecrets } from '../../../test/support/secrets.js';
import { signedPost } from '../../../test/support/signed-request.js';
import { ACTIVE_BUILDINGS_QUERY } from '../src/buildings/active-buildings.client.js';
import { marketplaceApi } from './marketplace-api.js';

let buildings: RunningBuildings;
let proxy: Awaited<ReturnType<typeof startDelayingProxy>>;
let marketplace: RunningMarketplace;
let api: ReturnType<typeof marketplaceApi>;
let sellerId: string;
let buildingId: string;
let buildingListingId: string;
let publicListingId: string;

beforeAll(async () => {
  buildings = await startBuildings();
  // No delay: the proxy is there to count marketplace's requests to buildings.
  proxy = await startDelayingProxy(buildings.graphqlUrl, 0);
  marketplace = await startMarketplace(proxy.url);
  api = marketplaceApi(marketplace.graphqlUrl);
  sellerId = randomUUID();
  buildingId = await neighbourhoods(buildings.graphqlUrl).createBuilding(sellerId);
  buildingListingId = (await api.listActive(sellerId, buildingId, { title: 'Members-only lamp' })).id;
  publicListingId = (await api.listActive(sellerId, buildingId, { title: 'Public lamp', visibility: 'PUBLIC' })).id;
});

afterAll(async () => {
  await marketplace?.close();
  await proxy?.close();
  await buildings?.close();
});

describe('the membership lookup', () => {
  it('asks buildings once per request, however many listings and paths need it', async () => {
    const memberId = randomUUID();
    await neighbourhoods(buildings.graphqlUrl).join(sellerId, buildingId, memberId);
    await api.data(memberId, 'mutation($id: ID!) { favoriteListing(id: $id) { id } }', { id: buildingListingId });
    proxy.reset();
    const query = `query($id: ID!, $b: [_Any!]!) {
      listing(id: $id) { id }
      listings(first: 50) { edges { node { id offers { id } viewerHasFavorited } } }
      myFavorites { edges { node { id } } }
      _entities(representations: $b) { ... on Building { listings { edges { node { id } } } } ... on User { listings { edges { node { id } } } } }
    }`;
    const result = await api.data<{ listings: { edges: unknown[] }; myFavorites: { edges: unknown[] } }>(memberId, query, {
      id: buildingListingId,
      b: [{ __typename: 'Building', id: buildingId }, { __typename: 'User', id: sellerId }],
    });
    expect(result.listings.edges).toHaveLength(2);
    expect(result.myFavorites.edges).toHaveLength(1);
    expect(proxy.requests()).toBe(1);
  });

  it('does not ask for a signed-out caller, nor for the seller reading their own listing', async () => {
    proxy.reset();
    await api.data(null, LISTINGS, {});
    await api.data(sellerId, LISTING, { id: buildingListingId });
    expect(proxy.requests()).toBe(0);
  });
});

describe('the request to buildings', () => {
  let stub: Server;
  let stubUrl: string;
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  let answer: unknown;

  beforeAll(async () => {
    stub = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/graphql`;
  });

  afterAll(() => new Promise<void>((resolve) => stub.close(() => resolve())));

  it("uses buildings' published contract, signed with exactly the caller context the router gave marketplace", async () => {
    const viaStub = await startMarketplace(stubUrl);
    try {
      const userId = randomUUID();
      answer = { data: { _entities: [{ buildings: [{ status: 'PENDING', building: { id: randomUUID() } }] }] } };
      received.length = 0;
      const caller = { userId, sessionId: randomUUID(), requestId: `req-${randomUUID()}`, clientIp: '198.51.100.23' };
      await signedPost(viaStub.graphqlUrl, LISTINGS, {}, caller);
      expect(received).toHaveLength(1);
      const [{ headers, body }] = received as [{ headers: IncomingHttpHeaders; body: string }];
      expect(JSON.parse(body)).toEqual({ query: ACTIVE_BUILDINGS_QUERY, variables: { r: [{ __typename: 'User', id: userId }] } });
      const verdict = verifyCallerContext(headers['x-lobby-context'] as string, body, [testSecrets.INTERNAL_SIGNING_SECRET]);
      expect(verdict).toEqual({ ok: true, caller });
      expect(headers['x-request-id']).toBe(caller.requestId);
    } finally {
      await viaStub.close();
    }
  });

  it('counts only ACTIVE memberships', async () => {
    const viaStub = await startMarketplace(stubUrl);
    try {
      const userId = randomUUID();
      answer = { data: { _entities: [{ buildings: [{ status: 'PENDING', building: { id: buildingId } }] }] } };
      // The stub's marketplace has its own, empty database: create as the seller with the stub vouching for them.
      const stubApi = marketplaceApi(viaStub.graphqlUrl);
      expect(errorCodes(await stubApi.call(userId, CREATE_LISTING, { input: newListingInput(buildingId) }))).toEqual(['FORBIDDEN']);
      answer = { data: { _entities: [{ buildings: [{ status: 'ACTIVE', building: { id: buildingId } }] }] } };
      expect((await stubApi.createListing(userId, buildingId)).building.id).toBe(buildingId);
    } finally {
      await viaStub.close();
    }
  });

  it('treats an answer with errors, or of the wrong shape, as buildings being unavailable', async () => {
    const viaStub = await startMarketplace(stubUrl);
    try {
      for (const bad of [
        { data: { _entities: [{ buildings: [{ status: 'ACTIVE', building: { id: buildingId } }] }] }, errors: [{ message: 'partial' }] },
        { data: { _entities: [null] } },
        { errors: [{ message: 'Only the Lobby router may call this service.' }] },
        'not json at all',
      ]) {
        answer = bad;
        expect(errorCodes(await marketplaceApi(viaStub.graphqlUrl).call(randomUUID(), CREATE_LISTING, { input: newListingInput(buildingId) })), JSON.stringify(bad)).toEqual([
          'SERVICE_UNAVAILABLE',
        ]);
      }
    } finally {
      await viaStub.close();
    }
  });
});

describe('when buildings is down or slow', () => {
  it('still serves PUBLIC listings, hides BUILDING ones, and refuses writes that need a membership with SERVICE_UNAVAILABLE', async () => {
    const { logger, lines } = capturingLogger('marketplace');
    const down = await startMarketplace(`http://127.0.0.1:${await freePort()}/graphql`, { DATABASE_URL: marketplace.databaseUrl }, logger);
    try {
      const member = randomUUID();
      const downApi = marketplaceApi(down.graphqlUrl);
      const page = await downApi.data<{ listings: { edges: Array<{ node: { id: string } }> } }>(member, LISTINGS, { filter: { buildingId } });
      expect(page.listings.edges.map((edge) => edge.node.id)).toEqual([publicListingId]);
      expect(errorCodes(await downApi.call(member, LISTING, { id: buildingListingId }))).toEqual(['NOT_FOUND']);
      // The seller needs no lookup for their own listing.
      expect((await downApi.data<{ listing: { id: string } }>(sellerId, LISTING, { id: buildingListingId })).listing.id).toBe(buildingListingId);
      const refused = await downApi.call(sellerId, CREATE_LISTING, { input: newListingInput(buildingId) });
      expect(errorCodes(refused)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(lines.some((line) => line.msg === 'buildings unavailable: showing public listings only')).toBe(true);
    } finally {
      await down.close().catch(() => undefined);
    }
  });

  it('gives up on a slow buildings after BUILDINGS_TIMEOUT_MS', async () => {
    const slow = await startDelayingProxy(buildings.graphqlUrl, 3_000);
    const impatient = await startMarketplace(slow.url, { BUILDINGS_TIMEOUT_MS: '300' });
    try {
      const started = Date.now();
      const result = await marketplaceApi(impatient.graphqlUrl).call(randomUUID(), LISTINGS, {});
      expect(result.body.errors).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(errorCodes(await marketplaceApi(impatient.graphqlUrl).call(sellerId, CREATE_LISTING, { input: newListingInput(buildingId) }))).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      await impatient.close();
      await slow.close();
    }
  });
});
