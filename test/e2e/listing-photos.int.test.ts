// Listing.photos and User.avatar through the router: marketplace keeps photo ids, media resolves
// them (with variants once the worker has made them), and each subgraph checks who is asking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { startBuildings, type RunningBuildings } from '../support/buildings.js';
import { dataOf, errorCodes, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { smallPng } from '../support/images.js';
import { newListingInput, startMarketplace, type RunningMarketplace } from '../support/marketplace.js';
import { startMedia, startMediaWorker, type RunningMedia } from '../support/media.js';
import { mediaClient, type Send } from '../support/media-flows.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let buildings: RunningBuildings;
let media: RunningMedia;
let worker: Awaited<ReturnType<typeof startMediaWorker>>;
let marketplace: RunningMarketplace;
let router: RunningRouter;
let seller: Session;
let neighbour: Session;

const as = (session: Session | null): Send => (query, variables) => postGraphQL(router.graphqlUrl, query, { variables, ...(session ? { token: session.accessToken } : {}) });

async function ok<Data>(session: Session | null, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return dataOf(await as(session)<Data>(query, variables));
}

beforeAll(async () => {
  identity = await startIdentity();
  buildings = await startBuildings();
  media = await startMedia();
  worker = await startMediaWorker(media);
  marketplace = await startMarketplace(buildings.graphqlUrl, { MEDIA_SUBGRAPH_URL: media.graphqlUrl });
  router = await startRouter(identity, { SUBGRAPH_URL_BUILDINGS: buildings.graphqlUrl, SUBGRAPH_URL_MARKETPLACE: marketplace.graphqlUrl, SUBGRAPH_URL_MEDIA: media.graphqlUrl });
  [seller, neighbour] = [await signUp(router.graphqlUrl, newCredentials('Hoa')), await signUp(router.graphqlUrl, newCredentials('Tuan'))];
}, 60_000);

afterAll(async () => {
  await router?.close();
  await marketplace?.close();
  await worker?.close();
  await media?.close();
  await buildings?.close();
  await identity?.close();
});

const LISTING = 'query($id: ID!) { listing(id: $id) { id photos { id status width variants { format width url } } seller { displayName avatar { id status } } } }';

describe('photos on a listing', () => {
  it('resolves Listing.photos from media, in order, for whoever may see the listing, signed in or not', async () => {
    const client = mediaClient(as(seller));
    const photos = [await client.upload(await smallPng(900, 600), 'image/png'), await client.upload(await smallPng(400, 300), 'image/png')];
    const { createBuilding } = await ok<{ createBuilding: { id: string } }>(seller, 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }', {
      input: { name: 'Lotus Tower', slug: `lotus-${Date.now().toString(36)}`, address: '2 River Road', city: 'Hanoi', country: 'VN' },
    });
    // PROCESSING photos are accepted: the seller need not wait for the worker.
    const { createListing } = await ok<{ createListing: { id: string } }>(seller, 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }', {
      input: newListingInput(createBuilding.id, { visibility: 'PUBLIC', photoIds: photos.map((photo) => photo.id) }),
    });
    await ok(seller, 'mutation($id: ID!) { publishListing(id: $id) { id } }', { id: createListing.id });
    for (const photo of photos) await client.settled(photo.id);

    for (const reader of [neighbour, null]) {
      const { listing } = await ok<{ listing: { photos: Array<{ id: string; status: string; width: number; variants: Array<{ format: string; width: number; url: string }> }> } }>(reader, LISTING, { id: createListing.id });
      expect(listing.photos.map((photo) => [photo.id, photo.status, photo.width])).toEqual([[photos[0]!.id, 'READY', 900], [photos[1]!.id, 'READY', 400]]);
      expect(listing.photos[0]!.variants.map((variant) => `${variant.format} ${variant.width}`)).toEqual(['WEBP 320', 'AVIF 320', 'WEBP 640', 'AVIF 640', 'WEBP 900', 'AVIF 900']);
      expect((await fetch(listing.photos[1]!.variants[0]!.url)).status).toBe(200);
    }
  });

  it("refuses someone else's photo on a listing", async () => {
    const theirs = await mediaClient(as(neighbour)).upload(await smallPng(), 'image/png');
    const { createBuilding } = await ok<{ createBuilding: { id: string } }>(seller, 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }', {
      input: { name: 'Elm House', slug: `elm-${Date.now().toString(36)}`, address: '3 Elm Road', city: 'Hanoi', country: 'VN' },
    });
    const result = await as(seller)('mutation($input: CreateListingInput!) { createListing(input: $input) { id } }', { input: newListingInput(createBuilding.id, { photoIds: [theirs.id] }) });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('avatars', () => {
  it("sets the user's avatar from their own AVATAR upload, shown on User.avatar to others, and clears it", async () => {
    const avatar = await mediaClient(as(seller)).upload(await smallPng(300, 300), 'image/png', 'AVATAR');
    const photo = await mediaClient(as(seller)).upload(await smallPng(), 'image/png');
    expect(errorCodes(await as(seller)('mutation($id: ID) { setAvatar(mediaId: $id) { id } }', { id: photo.id }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await as(neighbour)('mutation($id: ID) { setAvatar(mediaId: $id) { id } }', { id: avatar.id }))).toEqual(['BAD_USER_INPUT']);
    await ok(seller, 'mutation($id: ID) { setAvatar(mediaId: $id) { id } }', { id: avatar.id });

    const { user } = await ok<{ user: { displayName: string; avatar: { id: string; owner: { id: string } } } }>(neighbour, 'query($id: ID!) { user(id: $id) { displayName avatar { id owner { id } } } }', { id: seller.user.id });
    expect(user).toEqual({ displayName: 'Hoa', avatar: { id: avatar.id, owner: { id: seller.user.id } } });
    await ok(seller, 'mutation { setAvatar(mediaId: null) { id } }');
    expect((await ok<{ me: { avatar: unknown } }>(seller, '{ me { avatar { id } } }')).me.avatar).toBeNull();
  });
});
