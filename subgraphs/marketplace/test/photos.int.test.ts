import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuildings, type RunningBuildings } from '../../../test/support/buildings.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { smallPng, truncatedJpeg } from '../../../test/support/images.js';
import { neighbourhoods, startMarketplace, type RunningMarketplace } from '../../../test/support/marketplace.js';
import { reportMediaResult, signedMediaClient, startMedia, type RunningMedia } from '../../../test/support/media.js';
import { putUpload } from '../../../test/support/media-flows.js';
import { freePort } from '../../../test/support/free-port.js';
import { marketplaceApi } from './marketplace-api.js';

// Photo ids on listings are checked by asking media, as the seller: only the seller's own
// LISTING_PHOTO uploads, READY or PROCESSING, may be attached.
let buildings: RunningBuildings;
let media: RunningMedia;
let marketplace: RunningMarketplace;
let api: ReturnType<typeof marketplaceApi>;
let sellerId: string;
let buildingId: string;

beforeAll(async () => {
  buildings = await startBuildings();
  media = await startMedia();
  marketplace = await startMarketplace(buildings.graphqlUrl, { MEDIA_SUBGRAPH_URL: media.graphqlUrl, MEDIA_TIMEOUT_MS: '500' });
  api = marketplaceApi(marketplace.graphqlUrl);
  const hoods = neighbourhoods(buildings.graphqlUrl);
  sellerId = randomUUID();
  buildingId = await hoods.createBuilding(sellerId);
});

afterAll(async () => {
  await marketplace?.close();
  await media?.close();
  await buildings?.close();
});

const CREATE = 'mutation($input: CreateListingInput!) { createListing(input: $input) { id photoIds photos { id } } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id photoIds } }';
const input = (photoIds: string[]) => ({ buildingId, title: 'Desk lamp', description: '', priceAmount: 500, currency: 'EUR', categoryId: 'ca7e0000-0000-4000-8000-000000002000', condition: 'GOOD', photoIds });

describe('listing photos', () => {
  it('keeps the seller\'s own photos in order and gives them as Media references', async () => {
    const photos = [];
    for (let i = 0; i < 3; i += 1) photos.push((await signedMediaClient(media, sellerId).upload(await smallPng(), 'image/png')).id);
    const { createListing } = await api.data<{ createListing: { photoIds: string[]; photos: Array<{ id: string }> } }>(sellerId, CREATE, { input: input(photos) });
    expect(createListing.photoIds).toEqual(photos);
    expect(createListing.photos).toEqual(photos.map((id) => ({ id })));
  });

  it('refuses photos of someone else, of another purpose, not uploaded, or unknown, and changes nothing', async () => {
    const stranger = randomUUID();
    const theirs = (await signedMediaClient(media, stranger).upload(await smallPng(), 'image/png')).id;
    const avatar = (await signedMediaClient(media, sellerId).upload(await smallPng(), 'image/png', 'AVATAR')).id;
    const pending = (await signedMediaClient(media, sellerId).createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/png', byteSize: 100 })).body.data!.createUpload.media.id;
    for (const photoId of [theirs, avatar, pending, randomUUID()]) {
      const result = await api.call(sellerId, CREATE, { input: input([photoId]) });
      expect(result.body.errors?.[0], photoId).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'photoIds' } });
    }
  });

  it('checks only photos new to the listing on update, so a photo that failed since stays until removed', async () => {
    const client = signedMediaClient(media, sellerId);
    const truncated = await truncatedJpeg();
    const { createUpload } = (await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/jpeg', byteSize: truncated.length })).body.data!;
    expect((await putUpload(createUpload, truncated)).status).toBe(200);
    await client.complete(createUpload.media.id);
    const { createListing } = await api.data<{ createListing: { id: string } }>(sellerId, CREATE, { input: input([createUpload.media.id]) });
    // What the worker reports for an image it cannot decode.
    expect((await reportMediaResult(media, { mediaId: createUpload.media.id, status: 'FAILED', reason: 'The image could not be decoded.' })).status).toBe(200);
    const another = (await client.upload(await smallPng(), 'image/png')).id;
    const { updateListing } = await api.data<{ updateListing: { photoIds: string[] } }>(sellerId, UPDATE, { id: createListing.id, input: { photoIds: [another, createUpload.media.id] } });
    expect(updateListing.photoIds).toEqual([another, createUpload.media.id]);
    const failedAgain = await api.call(sellerId, CREATE, { input: input([createUpload.media.id]) });
    expect(errorCodes(failedAgain)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers SERVICE_UNAVAILABLE when media does not answer, and needs no media for a listing without photos', async () => {
    const medialess = await startMarketplace(buildings.graphqlUrl, { MEDIA_SUBGRAPH_URL: `http://127.0.0.1:${await freePort()}/graphql`, MEDIA_TIMEOUT_MS: '500' });
    try {
      const offline = marketplaceApi(medialess.graphqlUrl);
      expect(errorCodes(await offline.call(sellerId, CREATE, { input: input([randomUUID()]) }))).toEqual(['SERVICE_UNAVAILABLE']);
      expect((await offline.call(sellerId, CREATE, { input: input([]) })).body.errors).toBeUndefined();
    } finally {
      await medialess.close();
    }
  });
});
