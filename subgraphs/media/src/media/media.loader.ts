import type { EntityManager } from '@mikro-orm/postgresql';
import type { MediaVariant } from '@lobby/contracts';
import { isUuid, selectRecords } from '@lobby/platform';
import DataLoader from 'dataloader';
import type { Viewer } from '../viewer.js';
import { canSee } from './media.rules.js';
import type { MediaPurpose, MediaStatus } from './media.status.js';

/**
 * A media as GraphQL reads it: the columns `Media` exposes, not a managed entity (the `Media`
 * entity has the same shape, so resolvers take either). No storage keys.
 */
export interface MediaRecord {
  id: string;
  ownerId: string;
  purpose: MediaPurpose;
  status: MediaStatus;
  failureReason: string | null;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  variants: MediaVariant[];
  createdAt: Date;
}

const MEDIA_BY_ID = `
  select "id", "owner_id" as "ownerId", "purpose", "status", "failure_reason" as "failureReason", "content_type" as "contentType",
    "byte_size" as "byteSize", "width", "height", "variants", "created_at" as "createdAt"
  from "media" where "id" in (?)`;

/**
 * Media by id that the viewer may see, one SELECT per batch; null for unknown and hidden alike.
 * Plain SQL into records rather than `em.find`: every marketplace feed resolves ~40 listing
 * photos here, only to read them, and MikroORM's hydration (a JSON snapshot of every row's
 * variants, for change tracking nobody needs) was most of the cost (docs/adr/0010-feed-hot-path.md).
 */
export function createVisibleMediaLoader(em: EntityManager, viewer: Viewer): DataLoader<string, MediaRecord | null> {
  return new DataLoader(async (ids) => {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const found = wanted.length ? await selectRecords<MediaRecord>(em, MEDIA_BY_ID, [wanted], ['createdAt']) : [];
    const byId = new Map(found.filter((media) => canSee(media, viewer.userId)).map((media) => [media.id, media]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}
