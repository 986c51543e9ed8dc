// The media service's non-GraphQL doors: the signed local-disk upload and file URLs, and the
// route the worker reports results to. Each refuses whoever was not given the right to use it.
import { randomUUID } from 'node:crypto';
import { createUrlSigner } from '@lobby/object-storage';
import { signCallerContext, signServiceRequest } from '@lobby/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPng } from '../../../test/support/images.js';
import { reportMediaResult, signedMediaClient, startMedia, type RunningMedia } from '../../../test/support/media.js';
import { putUpload } from '../../../test/support/media-flows.js';
import { signedPost } from '../../../test/support/signed-request.js';
import { testSecrets } from '../../../test/support/secrets.js';

const OWNER = randomUUID();
let media: RunningMedia;

beforeAll(async () => {
  media = await startMedia();
});

afterAll(async () => {
  await media?.close();
});

const report = (result: Record<string, unknown>, header?: string) => reportMediaResult(media, result, header);

const variant = (mediaId: string) => ({ format: 'WEBP', width: 320, height: 240, byteSize: 1000, key: `variants/${mediaId}/320.webp` });

describe('the results route', () => {
  it('takes results from the worker alone, applies the first final status once, and ignores later ones', async () => {
    const processing = await signedMediaClient(media, OWNER).upload(await smallPng(), 'image/png');
    const ready = { mediaId: processing.id, status: 'READY', width: 800, height: 600, variants: [variant(processing.id)] };
    const body = JSON.stringify(ready);
    const routerSigned = signCallerContext({ userId: OWNER, sessionId: null, requestId: 'req-12345678', clientIp: null }, body, testSecrets.INTERNAL_SIGNING_SECRET);
    for (const header of ['', 'nonsense', routerSigned, signServiceRequest('other-worker', body, testSecrets.INTERNAL_SIGNING_SECRET)]) {
      expect((await report(ready, header)).status, header).toBe(401);
    }
    expect((await report({ mediaId: processing.id, status: 'READY' })).status).toBe(400);
    expect((await report({ ...ready, mediaId: randomUUID() })).status).toBe(404);

    expect(await (await report(ready)).json()).toEqual({ found: true, status: 'READY', changed: true });
    expect(await (await report(ready)).json()).toEqual({ found: true, status: 'READY', changed: false });
    expect(await (await report({ mediaId: processing.id, status: 'FAILED', reason: 'late' })).json()).toEqual({ found: true, status: 'READY', changed: false });
    expect((await signedMediaClient(media, OWNER).get(processing.id)).body.data?.media).toMatchObject({ status: 'READY', width: 800, failureReason: null });
  });

  it('never finishes a media still waiting for its upload', async () => {
    const { createUpload } = (await signedMediaClient(media, OWNER).createUpload({ purpose: 'AVATAR', contentType: 'image/png', byteSize: 100 })).body.data!;
    expect(await (await report({ mediaId: createUpload.media.id, status: 'FAILED', reason: 'x' })).json()).toEqual({ found: true, status: 'PENDING_UPLOAD', changed: false });
  });
});

describe('the local-disk URLs', () => {
  it('refuse a tampered or expired upload URL, another content type, and a second upload after completion', async () => {
    const png = await smallPng();
    const client = signedMediaClient(media, OWNER);
    const { createUpload } = (await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/png', byteSize: png.length })).body.data!;
    const tampered = createUpload.uploadUrl.replace(/max=\d+/, 'max=99999999');
    expect((await putUpload({ ...createUpload, uploadUrl: tampered }, png)).status).toBe(403);
    const key = new URL(createUpload.uploadUrl).searchParams.get('key')!;
    const expired = createUrlSigner(testSecrets.INTERNAL_SIGNING_SECRET, media.url).uploadUrl(key, 'image/png', png.length, new Date(Date.now() - 1000));
    expect((await putUpload({ ...createUpload, uploadUrl: expired }, png)).status).toBe(403);
    expect((await putUpload({ ...createUpload, uploadHeaders: [{ name: 'content-type', value: 'image/jpeg' }] }, png)).status).toBe(400);

    expect((await putUpload(createUpload, png)).status).toBe(200);
    await client.complete(createUpload.media.id);
    expect((await putUpload(createUpload, png)).status).toBe(409);
  });

  it('serve variants only, and only with a valid signature', async () => {
    const signer = createUrlSigner(testSecrets.INTERNAL_SIGNING_SECRET, media.url);
    const later = new Date(Date.now() + 60_000);
    const uploaded = await signedMediaClient(media, OWNER).upload(await smallPng(), 'image/png');
    // The original exists, and a correctly signed URL for it is still refused: originals are never served.
    expect((await fetch(signer.downloadUrl(`originals/${uploaded.id}`, later))).status).toBe(403);
    const missing = signer.downloadUrl(`variants/${uploaded.id}/320.webp`, later);
    expect((await fetch(missing)).status).toBe(404);
    expect((await fetch(missing.replace(/sig=[^&]+/, 'sig=AAAA'))).status).toBe(403);
    expect((await fetch(createUrlSigner('x'.repeat(40), media.url).downloadUrl(`variants/${uploaded.id}/320.webp`, later))).status).toBe(403);
  });
});

describe('reading media', () => {
  it('answers _entities with null for media the caller may not see, and refuses a malformed id', async () => {
    const attachment = await signedMediaClient(media, OWNER).upload(await smallPng(), 'image/png', 'CHAT_ATTACHMENT');
    const photo = await signedMediaClient(media, OWNER).upload(await smallPng(), 'image/png', 'LISTING_PHOTO');
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Media { id status } } }';
    const r = [attachment, photo].map(({ id }) => ({ __typename: 'Media', id }));
    const stranger = await signedPost<{ _entities: unknown[] }>(media.graphqlUrl, query, { r }, { userId: randomUUID() });
    expect(stranger.body.data?._entities).toEqual([null, { id: photo.id, status: 'PROCESSING' }]);
    const owner = await signedPost<{ _entities: unknown[] }>(media.graphqlUrl, query, { r }, { userId: OWNER });
    expect(owner.body.data?._entities).toEqual([{ id: attachment.id, status: 'PROCESSING' }, { id: photo.id, status: 'PROCESSING' }]);
    const bad = await signedMediaClient(media, OWNER).get('not-an-id');
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('reads a media by id or reference with the same fields as completeUpload returned (an entity), variants included', async () => {
    const fields = 'id owner { id } purpose status failureReason contentType byteSize width height createdAt variants { format width height byteSize }';
    const processing = await signedMediaClient(media, OWNER).upload(await smallPng(), 'image/png');
    const variants = [variant(processing.id), { format: 'AVIF', width: 320, height: 240, byteSize: 800, key: `variants/${processing.id}/320.avif` }];
    expect((await report({ mediaId: processing.id, status: 'READY', width: 800, height: 600, variants })).status).toBe(200);
    const asOwner = (query: string, variables: Record<string, unknown>) => signedPost<Record<string, unknown>>(media.graphqlUrl, query, variables, { userId: OWNER });
    const completed = (await asOwner(`mutation($id: ID!) { completeUpload(mediaId: $id) { ${fields} } }`, { id: processing.id })).body.data!.completeUpload;
    const byId = (await asOwner(`query($id: ID!) { media(id: $id) { ${fields} } }`, { id: processing.id })).body.data!.media;
    const byReference = (await asOwner(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Media { ${fields} } } }`, { r: [{ __typename: 'Media', id: processing.id }] })).body
      .data!._entities;
    expect(completed).toMatchObject({ status: 'READY', width: 800, variants: variants.map(({ key: _key, ...rest }) => rest) });
    expect(byId).toEqual(completed);
    expect(byReference).toEqual([completed]);
  });
});
