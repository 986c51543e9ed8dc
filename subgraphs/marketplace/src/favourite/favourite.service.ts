import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, decodeCursor, encodeCursor, pageSize, recordDomainEvents, toPage, type Page } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { z } from 'zod';
import type { ViewerBuildings } from '../buildings/viewer-buildings.js';
import { listingFavoritedEvent } from '../domain-events.js';
import type { Listing } from '../listing/listing.entity.js';
import { findFavouritePage } from '../listing/listing.query.js';
import type { ListingRecord } from '../listing/listing.record.js';
import { requireUser, type Viewer } from '../viewer.js';
import { Favourite } from './favourite.entity.js';

export interface SavedListing {
  listing: ListingRecord;
  favourite: Favourite;
}

const FAVOURITES_CURSOR = 'favourites';
const favouritesCursor = z.object({ t: z.iso.datetime(), i: z.uuid() });

export class FavouriteService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly buildings: ViewerBuildings,
    /** Visible listings by id: a listing you may not see cannot be favourited (NOT_FOUND). */
    private readonly listingById: DataLoader<string, Listing | null>,
  ) {}

  /** Saves a listing the viewer may see; saving it again changes nothing. */
  async add(listingId: string): Promise<Listing> {
    const userId = requireUser(this.viewer);
    const listing = await this.listingById.load(listingId);
    if (!listing) throw new NotFoundError('Listing');
    // One row per (user, listing), even for two clicks at the same instant: the unique index
    // decides, and only the click that saved it tells the seller.
    await this.em.transactional(async (tx) => {
      const saved = await tx
        .getConnection()
        .execute<{ id: string }[]>(
          `insert into "favourites" ("id", "user_id", "listing_id", "created_at") values (?, ?, ?, now()) on conflict ("user_id", "listing_id") do nothing returning "id"`,
          [randomUUID(), userId, listing.id],
          'all',
          tx.getTransactionContext(),
        );
      if (saved.length > 0) await recordDomainEvents(tx, [listingFavoritedEvent(listing, userId)]);
    });
    return listing;
  }

  /** True when the listing was a favourite. Works for a listing the viewer can no longer see, and reveals nothing about others. */
  async remove(listingId: string): Promise<boolean> {
    const userId = requireUser(this.viewer);
    return (await this.em.nativeDelete(Favourite, { userId, listing: listingId })) > 0;
  }

  /** The viewer's favourites they may still see, most recently saved first. */
  async page(options: { first?: number | null; after?: string | null }): Promise<Page<SavedListing>> {
    const viewerId = requireUser(this.viewer);
    const limit = pageSize(options.first);
    const position = options.after ? decodeCursor(FAVOURITES_CURSOR, options.after, favouritesCursor) : null;
    const rows = await findFavouritePage(this.em, {
      audience: { viewerId, activeBuildingIds: await this.buildings.forReading() },
      after: position && { savedAt: position.t, id: position.i },
      limit: limit + 1,
    });
    return toPage(rows, limit);
  }

  static cursorOf(saved: SavedListing): string {
    return encodeCursor(FAVOURITES_CURSOR, { t: saved.favourite.createdAt.toISOString(), i: saved.favourite.id });
  }
}
