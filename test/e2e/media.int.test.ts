// Media through the router, in front of identity, media and a real worker with its sandboxed sharp
// processor: uploads straight to the media service, compression outside the request path, and
// untrusted images refused or failed with a reason.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { domainEventStream, MEDIA_QUEUE, mediaProcessJobId, mediaQueuePrefix, parseDomainEvent } from '@lobby/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { eventually } from '../support/eventually.js';
import { errorCodes, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { hasGpsTag, phonePhoto, pixelBombPng, smallPng, svgImage, truncatedJpeg } from '../support/images.js';
import { startMedia, startMediaWorker, type RunningMedia } from '../support/media.js';
import { mediaClient, putUpload, type Send } from '../support/media-flows.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let media: RunningMedia;
let worker: Awaited<ReturnType<typeof startMediaWorker>>;
let router: RunningRouter;
let queue: Queue;
let owner: Session;
let stranger: Session;
let photo: Buffer;

const as = (session: Session | null): Send => (query, variables) => postGraphQL(router.graphqlUrl, query, { variables, ...(session ? { token: session.accessToken } : {}) });

beforeAll(async () => {
  identity = await startIdentity();
  media = await startMedia();
  worker = await startMediaWorker(media);
  router = await startRouter(identity, { SUBGRAPH_URL_MEDIA: media.graphqlUrl });
  queue = new Queue(MEDIA_QUEUE, { connection: new Redis({ maxRetriesPerRequest: null }), prefix: mediaQueuePrefix(media.redisKeyPrefix) });
  [owner, stranger] = [await signUp(router.graphqlUrl, newCredentials('Lan')), await signUp(router.graphqlUrl, newCredentials('Minh'))];
  photo = await phonePhoto();
}, 60_000);

afterAll(async () => {
  await router?.close();
  await worker?.close();
  await queue?.close();
  await media?.close();
  await identity?.close();
});

describe('a phone photo, through the router', () => {
  it('is READY within seconds with variants turned upright, never wider than the original, without EXIF or GPS, each downloadable', async () => {
    const original = await sharp(photo).metadata();
    expect([original.width, original.height, original.orientation, hasGpsTag(original.exif)]).toEqual([4000, 3000, 6, true]);

    const client = mediaClient(as(owner));
    const completed = await client.upload(photo, 'image/jpeg');
    expect(completed.status).toBe('PROCESSING');
    const ready = await client.settled(completed.id);
    expect(ready).toMatchObject({ status: 'READY', width: 3000, height: 4000, failureReason: null });
    expect(ready.variants.map((variant) => `${variant.format} ${variant.width}×${variant.height}`)).toEqual([
      'WEBP 320×427', 'AVIF 320×427', 'WEBP 640×854', 'AVIF 640×854', 'WEBP 1280×1707', 'AVIF 1280×1707',
    ]);
    // A card asks only for what it shows.
    const thumbnails = await as(owner)<{ media: { variants: unknown[] } }>('query($id: ID!) { media(id: $id) { variants(maxWidth: 640, formats: [WEBP]) { format width } } }', { id: ready.id });
    expect(thumbnails.body.data?.media.variants).toEqual([{ format: 'WEBP', width: 320 }, { format: 'WEBP', width: 640 }]);

    for (const variant of ready.variants) {
      const response = await fetch(variant.url);
      expect(response.status).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBe(variant.byteSize);
      const read = await sharp(body).metadata();
      expect({ format: read.format === 'heif' ? 'AVIF' : read.format?.toUpperCase(), width: read.width, height: read.height }).toEqual({ format: variant.format, width: variant.width, height: variant.height });
      expect(read.exif, `${variant.format} ${variant.width} has no EXIF`).toBeUndefined();
      expect(read.xmp).toBeUndefined();
      expect(read.orientation).toBeUndefined();
      // The stored left half (red) is on top once turned upright, the right half (blue) below.
      const { data, info } = await sharp(body).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
      const [top, bottom] = [pixel(info.width >> 1, Math.floor(info.height * 0.1)), pixel(info.width >> 1, Math.floor(info.height * 0.9))];
      expect(top[0]!, 'red on top').toBeGreaterThan(top[2]! + 100);
      expect(bottom[2]!, 'blue below').toBeGreaterThan(bottom[0]! + 100);
    }
  });

  it('answers createUpload, the PUT and completeUpload while the worker is saturated, without waiting for compression', async () => {
    const client = mediaClient(as(owner));
    const backlog = await Promise.all([1, 2, 3, 4].map(() => client.upload(photo, 'image/jpeg')));
    const small = await smallPng();
    const { createUpload } = (await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/png', byteSize: small.length })).body.data!;
    expect((await putUpload(createUpload, small)).status).toBe(200);
    const completed = (await client.complete(createUpload.media.id)).body.data!.completeUpload;
    // Answered while the last of four 12-megapixel photos queued before it is still waiting:
    // nothing on the request path waited for compression (the figures are in `pnpm bench`).
    expect(completed.status).toBe('PROCESSING');
    expect((await client.get(backlog.at(-1)!.id)).body.data?.media?.status).toBe('PROCESSING');
    for (const queued of [...backlog, completed]) expect((await client.settled(queued.id, 60_000)).status).toBe('READY');
  }, 90_000);
});

describe('untrusted images', () => {
  it('fails a PNG declaring 50,000 × 50,000 pixels with the pixel limit, without retrying, and the worker goes on to the next job', async () => {
    const client = mediaClient(as(owner));
    const bomb = pixelBombPng();
    expect(bomb.length).toBeLessThan(1_000);
    const completed = await client.upload(bomb, 'image/png');
    const failed = await client.settled(completed.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/50000 × 50000 pixels \(2,500 MP\); the limit is 40 MP/);
    expect(failed.variants).toEqual([]);
    const job = await queue.getJob(mediaProcessJobId(completed.id));
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);

    const next = await client.upload(await smallPng(), 'image/png');
    expect((await client.settled(next.id)).status).toBe('READY');
  });

  it('fails a truncated JPEG with a reason, and refuses SVG whatever it is declared as', async () => {
    const client = mediaClient(as(owner));
    const truncated = await client.settled((await client.upload(await truncatedJpeg(), 'image/jpeg')).id);
    expect(truncated).toMatchObject({ status: 'FAILED', failureReason: expect.stringMatching(/could not be decoded.*premature end/i) });

    expect(errorCodes(await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/svg+xml', byteSize: svgImage.length }))).toEqual(['BAD_USER_INPUT']);
    const { createUpload } = (await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/png', byteSize: svgImage.length })).body.data!;
    const put = await putUpload(createUpload, svgImage);
    expect(put.status).toBe(415);
    expect(await put.json()).toEqual({ error: expect.stringMatching(/not an accepted image \(SVG\)/) });
    expect(existsSync(join(media.storageDir, 'originals', createUpload.media.id))).toBe(false);
    expect(errorCodes(await client.complete(createUpload.media.id))).toEqual(['BAD_USER_INPUT']);
    expect((await client.get(createUpload.media.id)).body.data?.media?.status).toBe('PENDING_UPLOAD');
  });

  it('refuses a body larger than the limit before it is stored: declared too large, sent larger than declared, or streamed past it', async () => {
    const client = mediaClient(as(owner));
    const created = await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/jpeg', byteSize: 15 * 1024 * 1024 + 1 });
    expect(created.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'byteSize' } });

    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#abc' } }).jpeg().toBuffer();
    const { createUpload } = (await client.createUpload({ purpose: 'LISTING_PHOTO', contentType: 'image/jpeg', byteSize: jpeg.length })).body.data!;
    const tooLong = Buffer.concat([jpeg, Buffer.alloc(64 * 1024)]);
    expect((await putUpload(createUpload, tooLong)).status).toBe(413);

    // Without a Content-Length: refused as soon as the stream passes the declared size.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024;
        if (sent > 20 * 1024 * 1024) controller.close();
        else controller.enqueue(sent === 16 * 1024 ? new Uint8Array(Buffer.concat([jpeg, Buffer.alloc(16 * 1024 - jpeg.length)])) : new Uint8Array(16 * 1024));
      },
    });
    const streamed = await putUpload(createUpload, stream).catch((error: Error) => error);
    if (streamed instanceof Response) expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(20 * 1024 * 1024);
    expect(existsSync(join(media.storageDir, 'originals', createUpload.media.id))).toBe(false);

    // The right bytes still go in afterwards.
    expect((await putUpload(createUpload, jpeg)).status).toBe(200);
    expect((await client.complete(createUpload.media.id)).body.data?.completeUpload.status).toBe('PROCESSING');
  });
});

describe('who may do what', () => {
  it('completes an upload once, however often completeUpload is called, and only for its owner', async () => {
    const client = mediaClient(as(owner));
    const { createUpload } = (await client.createUpload({ purpose: 'CHAT_ATTACHMENT', contentType: 'image/png', byteSize: (await smallPng()).length })).body.data!;
    expect((await putUpload(createUpload, await smallPng())).status).toBe(200);
    expect(errorCodes(await mediaClient(as(stranger)).complete(createUpload.media.id))).toEqual(['NOT_FOUND']);
    const results = await Promise.all([1, 2, 3].map(() => client.complete(createUpload.media.id)));
    expect(results.map((result) => result.body.errors)).toEqual([undefined, undefined, undefined]);
    expect((await queue.getJobs(['waiting', 'active', 'completed', 'delayed'])).filter((job) => job.data.mediaId === createUpload.media.id)).toHaveLength(1);
    expect((await client.settled(createUpload.media.id)).status).toBe('READY');
    expect((await client.complete(createUpload.media.id)).body.data?.completeUpload.status).toBe('READY');

    // A chat attachment is its owner's alone; a listing photo anyone's who reaches it, its failure reason the owner's.
    expect(errorCodes(await mediaClient(as(stranger)).get(createUpload.media.id))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await mediaClient(as(null)).get(createUpload.media.id))).toEqual(['NOT_FOUND']);
    const failed = await client.settled((await client.upload(await truncatedJpeg(), 'image/jpeg')).id);
    expect((await mediaClient(as(stranger)).get(failed.id)).body.data?.media).toMatchObject({ status: 'FAILED', failureReason: null });
  });

  it('needs a signed-in caller to upload', async () => {
    expect(errorCodes(await mediaClient(as(null)).createUpload({ purpose: 'AVATAR', contentType: 'image/png', byteSize: 10 }))).toEqual(['UNAUTHENTICATED']);
  });

  it('reports the worker healthy', async () => {
    expect((await fetch(worker.healthUrl)).status).toBe(200);
  });
});

describe('domain events', () => {
  it('publishes media.ready and media.failed once each, from the system, for the owner to hear', async () => {
    const client = mediaClient(as(owner));
    const ready = await client.settled((await client.upload(await smallPng(), 'image/png')).id);
    const failed = await client.settled((await client.upload(await truncatedJpeg(), 'image/jpeg')).id);
    expect([ready.status, failed.status]).toEqual(['READY', 'FAILED']);
    // completeUpload again after the end changes nothing, so it publishes nothing either.
    await client.complete(ready.id);

    const about = (id: string) => async () => {
      const events = (await redis.xrange(domainEventStream(media.redisKeyPrefix), '-', '+'))
        .map(([, fields]) => parseDomainEvent(JSON.parse(fields[1]!)))
        .filter((event) => 'mediaId' in event.data && event.data.mediaId === id);
      expect(events).toHaveLength(1);
      return events[0]!;
    };
    const redis = new Redis();
    try {
      expect(await eventually(about(ready.id))).toMatchObject({
        type: 'media.ready',
        actorId: null,
        data: { mediaId: ready.id, ownerId: owner.user.id, purpose: 'LISTING_PHOTO' },
      });
      expect(await eventually(about(failed.id))).toMatchObject({
        type: 'media.failed',
        actorId: null,
        data: { mediaId: failed.id, ownerId: owner.user.id, reason: expect.stringMatching(/could not be decoded/) },
      });
    } finally {
      redis.disconnect();
    }
  });
});
