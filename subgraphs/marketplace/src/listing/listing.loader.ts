import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, isUuid, pageSize, toPage, type Page } from '@lobby/platform';
import DataLoader from 'dataloader';
import { z } from 'zod';
import type { ViewerBuildings } from '../buildings/viewer-buildings.js';
import type { Viewer } from '../viewer.js';
import { isVisible } from './listing.access.js';
import { Listing } from './listing.entity.js';
import { findListingsByParent } from './listing.query.js';
import type { ListingRecord } from './listing.record.js';
import type { ListingStatus } from './listing.status.js';

/**
 * Listings by id that the viewer may see, one SELECT per batch (`_entities` for a page of
 * listings, `Offer.listing`): null for an unknown id and for a listing the viewer may not see alike.
 */
export function createVisibleListingLoader(em: EntityManager, viewer: Viewer, buildings: ViewerBuildings): DataLoader<string, Listing | null> {
  return new DataLoader(async (ids) => {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const listings = wanted.length ? await em.find(Listing, { id: { $in: wanted } }) : [];
    const visible = await Promise.all(listings.map(async (listing) => ((await isVisible(listing, viewer.userId, buildings)) ? listing : null)));
    const byId = new Map(visible.filter((listing): listing is Listing => listing !== null).map((listing) => [listing.id, listing]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

export const PARENT_LISTINGS = { seller_id: 'user-listings', building_id: 'building-listings' } as const;
export type ListingParent = keyof typeof PARENT_LISTINGS;

/** One parent's page request, validated: `User.listings` / `Building.listings`. */
export interface ParentListingsKey {
  parentId: string;
  status: ListingStatus;
  limit: number;
  after: { listedAt: string; id: string } | null;
}

const parentCursor = z.object({ t: z.iso.datetime(), i: z.uuid() });

/** The loader key for a parent's `listings(status, first, after)`; BAD_USER_INPUT for a bad page size or cursor. */
export function parentListingsKey(
  parent: ListingParent,
  parentId: string,
  args: { status: ListingStatus; first?: number | null; after?: string | null },
): ParentListingsKey {
  const position = args.after ? decodeCursor(PARENT_LISTINGS[parent], args.after, parentCursor) : null;
  return { parentId: parentId.toLowerCase(), status: args.status, limit: pageSize(args.first), after: position && { listedAt: position.t, id: position.i } };
}

export function parentListingCursor(parent: ListingParent, listing: ListingRecord): string {
  return encodeCursor(PARENT_LISTINGS[parent], { t: listing.listedAt.toISOString(), i: listing.id });
}

/**
 * The newest visible listings per seller or building: one statement for every parent that
 * shares the arguments (a page of users asking for `listings(first: 5)` costs one query).
 */
export function createParentListingsLoader(
  em: EntityManager,
  viewer: Viewer,
  buildings: ViewerBuildings,
  parent: ListingParent,
): DataLoader<ParentListingsKey, Page<ListingRecord>, string> {
  return new DataLoader(
    async (keys) => {
      const activeBuildingIds = viewer.userId ? await buildings.forReading() : new Set<string>();
      const groups = new Map<string, ParentListingsKey[]>();
      for (const key of keys) {
        const group = JSON.stringify([key.status, key.limit, key.after]);
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const pages = new Map<ParentListingsKey, Page<ListingRecord>>();
      for (const group of groups.values()) {
        const { status, limit, after } = group[0]!;
        const parentIds = group.map((key) => key.parentId).filter(isUuid);
        const byParent = parentIds.length
          ? await findListingsByParent(em, { audience: { viewerId: viewer.userId, activeBuildingIds }, parent, parentIds, status, after, limit: limit + 1 })
          : new Map<string, ListingRecord[]>();
        for (const key of group) pages.set(key, toPage(byParent.get(key.parentId) ?? [], limit));
      }
      return keys.map((key) => pages.get(key)!);
    },
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, key.status, key.limit, key.after]) },
  );
}
