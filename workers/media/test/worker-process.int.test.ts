// The worker as it runs in production — its own process from the compiled output, with its
// sandboxed child — killed with SIGKILL in the middle of a job, and stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MEDIA_QUEUE, mediaProcessJobId, mediaQueuePrefix } from '@lobby/contracts';
import { LocalDiskStorage, noUrls } from '@lobby/object-storage';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/eventually.js';
import { freePort } from '../../../test/support/free-port.js';
import { phonePhoto } from '../../../test/support/images.js';
import { mediaWorkerEnv, signedMediaClient, startMedia, type RunningMedia } from '../../../test/support/media.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const OWNER = '6a1c7d2e-0b1f-4c3a-9d4e-5f6a7b8c9d0e';

let media: RunningMedia;
let queue: Queue;
let photo: Buffer;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  media = await startMedia();
  queue = new Queue(MEDIA_QUEUE, { connection: new Redis({ maxRetriesPerRequest: null }), prefix: mediaQueuePrefix(media.redisKeyPrefix) });
  photo = await phonePhoto();
}, 60_000);

afterAll(async () => {
  for (const child of running) stopGroup(child);
  await queue?.close();
  await media?.close();
});

function stopGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The worker in a process group of its own (it and its sandboxed child die together with the group), once its health says ready. */
async function startWorkerProcess(): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const port = await freePort();
  const env = mediaWorkerEnv(media, { PORT: String(port), HOST: '127.0.0.1', MEDIA_WORKER_LOCK_MS: '2000', MEDIA_WORKER_STALLED_INTERVAL_MS: '1000' });
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, detached: true, stdio: 'ignore' });
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor('worker ready', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.status === 200, 30_000);
  return { child, exited };
}


const activeJob = (mediaId: string) => waitFor(`job of ${mediaId} active`, async () => (await (await queue.getJob(mediaProcessJobId(mediaId)))?.getState()) === 'active', 30_000);

describe('the media worker process', () => {
  it('killed with SIGKILL mid-job: after a restart the job completes once, with one set of variants', async () => {
    const client = signedMediaClient(media, OWNER);
    const first = await startWorkerProcess();
    const uploaded = await client.upload(photo, 'image/jpeg');
    await activeJob(uploaded.id);
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;
    // Killed before it could finish: still PROCESSING, the job still holding its (now dead) lock.
    expect((await client.get(uploaded.id)).body.data?.media?.status).toBe('PROCESSING');

    const second = await startWorkerProcess();
    const ready = await client.settled(uploaded.id, 60_000);
    expect(ready.status).toBe('READY');
    // The worker reports the result to media before BullMQ records the job as completed.
    await waitFor('job completed', async () => (await (await queue.getJob(mediaProcessJobId(uploaded.id)))?.getState()) === 'completed', 30_000);
    stopGroup(second.child);
    await second.exited;
    const job = await queue.getJob(mediaProcessJobId(uploaded.id));
    expect(job?.stalledCounter).toBe(1);
    const storage = new LocalDiskStorage(media.storageDir, noUrls);
    const stored = await storage.list(`variants/${uploaded.id}/`);
    expect(stored).toHaveLength(6);
    expect(stored).toEqual(ready.variants.map((variant) => new URL(variant.url).searchParams.get('key')).sort());
  }, 90_000);

  it('stopped with SIGTERM mid-job: finishes the job, then exits cleanly', async () => {
    const client = signedMediaClient(media, OWNER);
    const worker = await startWorkerProcess();
    const uploaded = await client.upload(photo, 'image/jpeg');
    await activeJob(uploaded.id);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect((await client.get(uploaded.id)).body.data?.media?.status).toBe('READY');
    expect(await (await queue.getJob(mediaProcessJobId(uploaded.id)))?.getState()).toBe('completed');
  }, 60_000);
});
