import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@lobby/platform';
import DataLoader from 'dataloader';
import type { Viewer } from '../viewer.js';
import { Media } from './media.entity.js';
import { canSee } from './media.rules.js';

/** Media by id that the viewer may see, one SELECT per batch; null for unknown and hidden alike. */
export function createVisibleMediaLoader(em: EntityManager, viewer: Viewer): DataLoader<string, Media | null> {
  return new DataLoader(async (ids) => {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const found = wanted.length ? await em.find(Media, { id: { $in: wanted } }) : [];
    const byId = new Map(found.filter((media) => canSee(media, viewer.userId)).map((media) => [media.id, media]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}
