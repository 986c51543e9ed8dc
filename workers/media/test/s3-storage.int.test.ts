// The same pipeline on S3-compatible storage (s3rver, in process): presigned PUT straight to the
// store, the worker reading and writing the store, presigned GETs for the variants.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/free-port.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { smallPng, svgImage } from '../../../test/support/images.js';
import { signedMediaClient, startMedia, startMediaWorker, type RunningMedia } from '../../../test/support/media.js';
import { putUpload } from '../../../test/support/media-flows.js';
import { S3Storage } from '@lobby/object-storage';

const OWNER = '7b2d8e3f-1c2a-4d4b-8e5f-6a7b8c9d0e1f';
let s3: S3rver;
let s3Dir: string;
let media: RunningMedia;
let worker: Awaited<ReturnType<typeof startMediaWorker>>;
let store: S3Storage;

beforeAll(async () => {
  s3Dir = await mkdtemp(join(tmpdir(), 'lobby-s3rver-'));
  const port = await freePort();
  s3 = new S3rver({ port, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: 'lobby-media', configs: [] }] });
  await s3.run();
  const storage = {
    MEDIA_STORAGE: 's3',
    MEDIA_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    MEDIA_S3_BUCKET: 'lobby-media',
    MEDIA_S3_ACCESS_KEY_ID: 'S3RVER',
    MEDIA_S3_SECRET_ACCESS_KEY: 'S3RVER',
    MEDIA_S3_FORCE_PATH_STYLE: 'true',
  };
  media = await startMedia(storage);
  worker = await startMediaWorker(media, storage);
  store = new S3Storage({ endpoint: storage.MEDIA_S3_ENDPOINT, region: 'us-east-1', bucket: 'lobby-media', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
});

afterAll(async () => {
  store?.close();
  await worker?.close();
  await media?.close();
  await s3?.close();
  await rm(s3Dir, { recursive: true, force: true });
});

describe('media on S3-compatible storage', () => {
  it('uploads with a presigned PUT, processes from the store, and serves variants with presigned GETs', async () => {
    const client = signedMediaClient(media, OWNER);
    const png = await smallPng(1000, 500);
    const { createUpload } = (await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/png', byteSize: png.length })).body.data!;
    expect(new URL(createUpload.uploadUrl).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect((await putUpload(createUpload, png)).status).toBe(200);
    expect(await store.stat(`originals/${createUpload.media.id}`)).toEqual({ byteSize: png.length });
    expect((await client.complete(createUpload.media.id)).body.data?.completeUpload.status).toBe('PROCESSING');

    const ready = await client.settled(createUpload.media.id);
    expect(ready).toMatchObject({ status: 'READY', width: 1000, height: 500 });
    expect(await store.list(`variants/${createUpload.media.id}/`)).toHaveLength(6);
    for (const variant of ready.variants) {
      expect(new URL(variant.url).searchParams.has('X-Amz-Signature')).toBe(true);
      const body = Buffer.from(await (await fetch(variant.url)).arrayBuffer());
      expect((await sharp(body).metadata()).width).toBe(variant.width);
    }
  });

  it('refuses, at completion, an object larger than declared and an SVG, deleting them', async () => {
    const client = signedMediaClient(media, OWNER);
    const png = await smallPng();
    const { createUpload } = (await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/png', byteSize: png.length })).body.data!;
    // AWS refuses a body whose length differs from the signed Content-Length; s3rver does not
    // check it, so this is the second line of defence: completeUpload's own size check.
    expect((await putUpload(createUpload, Buffer.concat([png, Buffer.alloc(1024)]))).status).toBe(200);
    const tooLarge = await client.complete(createUpload.media.id);
    expect(tooLarge.body.errors?.[0]?.message).toMatch(/more than the \d+ declared/);
    expect(await store.stat(`originals/${createUpload.media.id}`)).toBeNull();

    const svg = (await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/png', byteSize: svgImage.length })).body.data!.createUpload;
    expect((await putUpload(svg, svgImage)).status).toBe(200);
    expect(errorCodes(await client.complete(svg.media.id))).toEqual(['BAD_USER_INPUT']);
    expect(await store.stat(`originals/${svg.media.id}`)).toBeNull();
  });
});
