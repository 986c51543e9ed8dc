import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { startBuildings, type RunningBuildings } from '../support/buildings.js';
import { startChat, type RunningChat } from '../support/chat.js';
import { dataOf, errorCodes, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { newListingInput, startMarketplace, type RunningMarketplace } from '../support/marketplace.js';
import { startRouter, type RunningRouter } from '../support/router.js';

// A buyer asks a seller about a listing: chat learns about the listing from marketplace, as the buyer.
let identity: RunningIdentity;
let buildings: RunningBuildings;
let marketplace: RunningMarketplace;
let chat: RunningChat;
let router: RunningRouter;
let seller: Session;
let buyer: Session;
let publicListing: string;
let privateListing: string;

beforeAll(async () => {
  identity = await startIdentity();
  buildings = await startBuildings();
  marketplace = await startMarketplace(buildings.graphqlUrl);
  chat = await startChat({ MARKETPLACE_SUBGRAPH_URL: marketplace.graphqlUrl });
  router = await startRouter(identity, { SUBGRAPH_URL_BUILDINGS: buildings.graphqlUrl, SUBGRAPH_URL_MARKETPLACE: marketplace.graphqlUrl, SUBGRAPH_URL_CHAT: chat.graphqlUrl });
  [seller, buyer] = [await signUp(router.graphqlUrl, newCredentials('Sara')), await signUp(router.graphqlUrl, newCredentials('Bao'))];
  const building = await ok<{ createBuilding: { id: string } }>(seller, 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }', {
    input: { name: 'Lotus Tower', slug: `lotus-${Date.now().toString(36)}`, address: '2 River Road', city: 'Hanoi', country: 'VN' },
  });
  const list = async (visibility: string, title: string) => {
    const { createListing } = await ok<{ createListing: { id: string } }>(seller, 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }', {
      input: newListingInput(building.createBuilding.id, { visibility, title }),
    });
    await ok(seller, 'mutation($id: ID!) { publishListing(id: $id) { id } }', { id: createListing.id });
    return createListing.id;
  };
  publicListing = await list('PUBLIC', 'Blue city bike');
  privateListing = await list('BUILDING', 'Residents-only sofa');
});

afterAll(async () => {
  await router?.close();
  await chat?.close();
  await marketplace?.close();
  await buildings?.close();
  await identity?.close();
});

async function ok<Data>(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return dataOf(await postGraphQL<Data>(router.graphqlUrl, query, { token: session.accessToken, variables }));
}

const START = 'mutation($id: ID!) { startListingConversation(listingId: $id) { id kind listing { id title } participants { displayName } } }';

describe('startListingConversation', () => {
  it('starts one conversation between buyer and seller about the listing, resolved across subgraphs, and returns it again', async () => {
    type Started = { startListingConversation: { id: string; kind: string; listing: { id: string; title: string }; participants: Array<{ displayName: string }> } };
    const first = (await ok<Started>(buyer, START, { id: publicListing })).startListingConversation;
    expect(first).toMatchObject({ kind: 'LISTING', listing: { id: publicListing, title: 'Blue city bike' } });
    expect(first.participants.map((user) => user.displayName).sort()).toEqual(['Bao', 'Sara']);
    const again = await Promise.all([1, 2].map(() => ok<Started>(buyer, START, { id: publicListing })));
    expect(again.map((result) => result.startListingConversation.id)).toEqual([first.id, first.id]);
  });

  it('answers NOT_FOUND for a listing the buyer may not see, and BAD_USER_INPUT to the seller', async () => {
    expect(errorCodes(await postGraphQL(router.graphqlUrl, START, { token: buyer.accessToken, variables: { id: privateListing } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await postGraphQL(router.graphqlUrl, START, { token: seller.accessToken, variables: { id: publicListing } }))).toEqual(['BAD_USER_INPUT']);
  });
});
