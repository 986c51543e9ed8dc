// Media compression (issue 4): the media worker's images per second on one core against bare
// sharp on the same images with the same variants. The worker runs as deployed (its own process,
// a sandboxed child per job, the queue in Redis, originals and variants on local disk, each result
// reported to the media service, which writes it to PostgreSQL) pinned to core 0; the media
// service, PostgreSQL and this script stay on core 1. Bare sharp is the worker's own rendering
// function in a loop, pinned to core 0 too: the ratio is what the queue, the sandbox, storage and
// the report cost. Ports 5310–5311, database lobby_bench_media_throughput, Redis keys
// lobby_bench_media:*, all removed afterwards.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { MEDIA_QUEUE, mediaProcessJobId, mediaQueuePrefix } from '../../packages/contracts/dist/index.js';
import { signCallerContext } from '../../packages/platform/dist/index.js';
import { repoRoot } from '../../scripts/lib/workspace.mjs';
import { GATEWAY_CPU, LOAD_CPU } from '../lib/config.mjs';
import { writePhotos } from '../lib/media/images.mjs';
import { assertPortsFree } from '../lib/ports.mjs';
import { cpuMs, processTree } from '../lib/proc-stats.mjs';
import { runToEnd, startPinned, stop } from '../lib/processes.mjs';
import { waitFor200 } from '../lib/readiness.mjs';

export const MEDIA_PORT = 5310;
export const MEDIA_WORKER_PORT = 5311;
const DATABASE = 'lobby_bench_media_throughput';
const POSTGRES = 'postgres://postgres@127.0.0.1:5432';
const REDIS_KEY_PREFIX = 'lobby_bench_media:';
// The worker's defaults, with libvips on one thread: the figure is per core.
const VARIANTS = { widths: [320, 640, 1280], formats: ['webp', 'avif'], maxPixels: 40_000_000, sharpThreads: 1 };
const TARGET_RATIO = 0.9;
const UPLOAD_PROBES = 5;
const OWNER = randomUUID();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

async function dropDatabase() {
  const client = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function deleteKeys(redis) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_KEY_PREFIX}*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Bare sharp on core 0: `count` images after `warmup`. */
async function bareSharp(paths, warmup, count) {
  const script = join(repoRoot, 'bench/lib/media/bare-sharp.mjs');
  const output = await runToEnd({ command: 'taskset', args: ['-c', GATEWAY_CPU, process.execPath, script, JSON.stringify(VARIANTS), String(warmup), String(count), ...paths], env: {}, timeoutMs: 300_000 });
  return JSON.parse(output.trim().split('\n').at(-1));
}

export async function runMediaThroughput({ plan, workDir, log }) {
  await assertPortsFree([MEDIA_PORT, MEDIA_WORKER_PORT]);
  const { mediaJobs: count, mediaWarmupJobs: warmup, mediaImages } = plan;
  const paths = await writePhotos(workDir, mediaImages);
  const photos = await Promise.all(paths.map((path) => readFile(path)));
  const secret = randomBytes(48).toString('base64url');
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const queue = new Queue(MEDIA_QUEUE, { connection: redis, prefix: mediaQueuePrefix(REDIS_KEY_PREFIX) });
  const db = new pg.Client({ connectionString: `${POSTGRES}/${DATABASE}` });
  const common = {
    NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', INTERNAL_SIGNING_SECRET: secret,
    REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX, MEDIA_LOCAL_STORAGE_DIR: join(workDir, 'media-storage'),
  };
  const mediaEnv = { ...common, PORT: String(MEDIA_PORT), DATABASE_URL: `${POSTGRES}/${DATABASE}`, MEDIA_PUBLIC_URL: `http://127.0.0.1:${MEDIA_PORT}` };
  const workerEnv = {
    ...common, PORT: String(MEDIA_WORKER_PORT), MEDIA_SUBGRAPH_URL: `http://127.0.0.1:${MEDIA_PORT}/graphql`,
    MEDIA_WORKER_CONCURRENCY: '1', MEDIA_SHARP_CONCURRENCY: String(VARIANTS.sharpThreads),
  };
  const procs = [];
  try {
    await dropDatabase();
    await deleteKeys(redis);
    await runToEnd({ command: process.execPath, args: [join(repoRoot, 'subgraphs/media/dist/migrate.js')], env: mediaEnv, timeoutMs: 60_000 });
    const media = startPinned({ name: 'media-bench-media', cpu: LOAD_CPU, command: process.execPath, args: [join(repoRoot, 'subgraphs/media/dist/main.js')], env: mediaEnv, logDir: workDir });
    procs.push(media);
    await waitFor200(media, `http://127.0.0.1:${MEDIA_PORT}/health/ready`);
    await db.connect();

    // Uploads through the media service's real API (signed as the router would), queued while the
    // queue is paused; `probing` collects each step's duration while the worker is saturated.
    let probing = null;
    const upload = async (i) => {
      const call = async (query, variables) => {
        const body = JSON.stringify({ query, variables });
        const context = signCallerContext({ userId: OWNER, sessionId: null, requestId: randomUUID(), clientIp: null }, body, secret);
        const response = await fetch(`http://127.0.0.1:${MEDIA_PORT}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-lobby-context': context }, body });
        const json = await response.json();
        if (json.errors) throw new Error(JSON.stringify(json.errors));
        return json.data;
      };
      const photo = photos[i % photos.length];
      const timed = async (step, work) => {
        const started = performance.now();
        const result = await work();
        probing?.[step].push(performance.now() - started);
        return result;
      };
      const { createUpload } = await timed('createUpload', () =>
        call('mutation($input: CreateUploadInput!) { createUpload(input: $input) { media { id } uploadUrl } }', { input: { purpose: 'LISTING_PHOTO', contentType: 'image/jpeg', byteSize: photo.length } }),
      );
      const put = await timed('put', () => fetch(createUpload.uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: photo }));
      if (put.status !== 200) throw new Error(`upload answered ${put.status}`);
      await timed('completeUpload', () => call('mutation($id: ID!) { completeUpload(mediaId: $id) { id } }', { id: createUpload.media.id }));
      return createUpload.media.id;
    };
    const settle = async (ids) => {
      const deadline = Date.now() + 300_000;
      for (;;) {
        const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM media WHERE id = ANY($1) GROUP BY status`, [ids]);
        const by = Object.fromEntries(rows.map((row) => [row.status, row.n]));
        if ((by.READY ?? 0) + (by.FAILED ?? 0) === ids.length) {
          if (by.FAILED) throw new Error(`${by.FAILED} of ${ids.length} images FAILED; see ${workDir}`);
          return;
        }
        if (Date.now() > deadline) throw new Error(`images not processed in time: ${JSON.stringify(by)}`);
        await sleep(20);
      }
    };
    const batch = async (n, offset) => {
      await queue.pause();
      const ids = [];
      for (let i = 0; i < n; i += 1) ids.push(await upload(offset + i));
      return ids;
    };

    const bareBefore = await bareSharp(paths, warmup, count);
    log(`media: bare sharp ${round(bareBefore.images / (bareBefore.wallMs / 1000))} images/s on one core`);

    const warmIds = await batch(warmup, 0);
    const worker = startPinned({ name: 'media-bench-worker', cpu: GATEWAY_CPU, command: process.execPath, args: [join(repoRoot, 'workers/media/dist/main.js')], env: workerEnv, logDir: workDir });
    procs.push(worker);
    await waitFor200(worker, `http://127.0.0.1:${MEDIA_WORKER_PORT}/health/ready`);
    await queue.resume();
    // The request path while the worker is saturated by the warm-up batch: each step of an upload
    // of a 12-megapixel photo, timed (the probes' own jobs are processed before the measured batch).
    const stepMs = { createUpload: [], put: [], completeUpload: [] };
    probing = stepMs;
    const probeIds = [];
    let probesWhileBusy = 0;
    for (let i = 0; i < UPLOAD_PROBES; i += 1) {
      probeIds.push(await upload(i));
      if ((await queue.getActiveCount()) > 0) probesWhileBusy += 1;
    }
    probing = null;
    await settle([...warmIds, ...probeIds]);

    const ids = await batch(count, warmup);
    // The worker's tree is itself and its sandboxed child (forked at the first job, kept for the next).
    const sandboxCpu = () => processTree(worker.pid).slice(1).reduce((sum, pid) => sum + cpuMs(pid), 0);
    const sandboxCpuBefore = sandboxCpu();
    const workerCpuBefore = cpuMs(worker.pid);
    const mediaCpuBefore = cpuMs(media.pid);
    await queue.resume();
    await settle(ids);
    const workerCpu = cpuMs(worker.pid) - workerCpuBefore;
    const sandboxCpuUsed = sandboxCpu() - sandboxCpuBefore;
    const mediaCpu = cpuMs(media.pid) - mediaCpuBefore;
    const jobs = await Promise.all(ids.map((id) => queue.getJob(mediaProcessJobId(id))));
    const wallMs = Math.max(...jobs.map((job) => job.finishedOn)) - Math.min(...jobs.map((job) => job.processedOn));

    const bareAfter = await bareSharp(paths, warmup, count);
    const bareWallMs = (bareBefore.wallMs + bareAfter.wallMs) / 2;
    const bareCpuMs = (bareBefore.cpuMs + bareAfter.cpuMs) / 2;
    const workerRate = count / (wallMs / 1000);
    const bareRate = count / (bareWallMs / 1000);
    const result = {
      images: count,
      image: '4000 × 3000 JPEG, EXIF orientation 6, GPS',
      variants: `${VARIANTS.widths.join(', ')} px × ${VARIANTS.formats.join(', ')}`,
      worker: {
        imagesPerSecondPerCore: round(workerRate),
        cpuMsPerImage: round(workerCpu / count, 1),
        sandboxCpuMsPerImage: round(sandboxCpuUsed / count, 1),
        msPerImage: round(wallMs / count, 1),
      },
      bareSharp: { imagesPerSecondPerCore: round(bareRate), cpuMsPerImage: round(bareCpuMs / count, 1), msPerImage: round(bareWallMs / count, 1), runs: [bareBefore, bareAfter].map((run) => round(run.images / (run.wallMs / 1000))) },
      mediaServiceCpuMsPerImage: round(mediaCpu / count, 1),
      uploadPathWhileWorkerBusy: {
        probes: UPLOAD_PROBES,
        probesWhileBusy,
        ...Object.fromEntries(Object.entries(stepMs).map(([step, ms]) => [step, { p50Ms: round(percentile(ms, 0.5)), maxMs: round(Math.max(...ms)) }])),
      },
      ratio: round(workerRate / bareRate, 3),
      cpuRatio: round(bareCpuMs / workerCpu, 3),
      targets: { ratio: { target: TARGET_RATIO, met: workerRate / bareRate >= TARGET_RATIO } },
    };
    log(`media: worker ${result.worker.imagesPerSecondPerCore} images/s/core vs bare sharp ${result.bareSharp.imagesPerSecondPerCore} → ${result.ratio} (CPU ${result.cpuRatio})`);
    return result;
  } finally {
    for (const proc of procs.reverse()) await stop(proc, 30_000);
    await queue.close();
    await deleteKeys(redis).catch(() => {});
    redis.disconnect();
    await db.end().catch(() => {});
    await dropDatabase().catch((error) => log(`media cleanup failed: ${error.message}`));
  }
}
