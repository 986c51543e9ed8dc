import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Viewer } from '../viewer.js';
import { Favourite } from './favourite.entity.js';

/** Whether the viewer saved each listing: one query per batch; false for everyone signed out. */
export function createViewerFavouriteLoader(em: EntityManager, viewer: Viewer): DataLoader<string, boolean> {
  return new DataLoader(async (listingIds) => {
    if (!viewer.userId) return listingIds.map(() => false);
    const rows = await em.find(Favourite, { userId: viewer.userId, listing: { $in: [...new Set(listingIds)] } });
    const saved = new Set(rows.map((favourite) => favourite.listing.id));
    return listingIds.map((id) => saved.has(id));
  });
}
