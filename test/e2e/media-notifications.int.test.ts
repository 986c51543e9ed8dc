import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { uniqueRedisPrefix } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { smallPng, truncatedJpeg } from '../support/images.js';
import { startMedia, startMediaWorker, type RunningMedia } from '../support/media.js';
import { mediaClient, type Send } from '../support/media-flows.js';
import { startNotifications, type RunningNotifications } from '../support/notifications.js';
import { startRouter, type RunningRouter } from '../support/router.js';

// The whole chain, nothing injected: an upload is processed by the worker, media records
// media.ready / media.failed in its outbox with the status change, its relay publishes them, and
// notifications tells the owner, and only the owner, with the media resolved by media itself.
const shared = { REDIS_KEY_PREFIX: uniqueRedisPrefix('media-events') };
let identity: RunningIdentity;
let media: RunningMedia;
let worker: Awaited<ReturnType<typeof startMediaWorker>>;
let notifications: RunningNotifications;
let router: RunningRouter;
let owner: Session;
let stranger: Session;

beforeAll(async () => {
  identity = await startIdentity();
  media = await startMedia(shared);
  worker = await startMediaWorker(media);
  notifications = await startNotifications(shared);
  router = await startRouter(identity, { SUBGRAPH_URL_MEDIA: media.graphqlUrl, SUBGRAPH_URL_NOTIFICATIONS: notifications.graphqlUrl });
  [owner, stranger] = [await signUp(router.graphqlUrl, newCredentials('Lan')), await signUp(router.graphqlUrl, newCredentials('Minh'))];
}, 60_000);

afterAll(async () => {
  await router?.close();
  await notifications?.close();
  await worker?.close();
  await media?.close();
  await identity?.close();
});

const as = (session: Session): Send => (query, variables) => postGraphQL(router.graphqlUrl, query, { variables, token: session.accessToken });
const LIST = '{ notifications(first: 10) { edges { node { type actor { id } subject { __typename ... on Media { id status } } } } } }';
type Listed = { type: string; actor: { id: string } | null; subject: { __typename: string; id: string; status: string } | null };
const listOf = async (session: Session): Promise<Listed[]> => {
  const result = await postGraphQL<{ notifications: { edges: Array<{ node: Listed }> } }>(router.graphqlUrl, LIST, { token: session.accessToken });
  if (!result.body.data) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data.notifications.edges.map((edge) => edge.node);
};

describe('media events reach notifications', () => {
  it('tells the owner their photo is ready, and that another failed, with the media resolved; nobody else hears of it', async () => {
    const client = mediaClient(as(owner));
    const ready = await client.settled((await client.upload(await smallPng(), 'image/png')).id);
    const failed = await client.settled((await client.upload(await truncatedJpeg(), 'image/jpeg')).id);
    expect([ready.status, failed.status]).toEqual(['READY', 'FAILED']);

    const told = await eventually(async () => {
      const listed = await listOf(owner);
      expect(listed).toHaveLength(2);
      return listed;
    }, 15_000);
    expect(told).toEqual(
      expect.arrayContaining([
        { type: 'MEDIA_READY', actor: null, subject: { __typename: 'Media', id: ready.id, status: 'READY' } },
        { type: 'MEDIA_FAILED', actor: null, subject: { __typename: 'Media', id: failed.id, status: 'FAILED' } },
      ]),
    );
    expect(await listOf(stranger)).toEqual([]);
  }, 60_000);
});
