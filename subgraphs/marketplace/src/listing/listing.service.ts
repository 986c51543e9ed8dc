import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError, UserInputError, pageSize, recordDomainEvents, toPage, type Page } from '@lobby/platform';
import type { ViewerBuildings } from '../buildings/viewer-buildings.js';
import type { Category } from '../category/category.entity.js';
import { subtreeIds } from '../category/category.tree.js';
import { listingSoldEvent, offerEvent } from '../domain-events.js';
import { Offer } from '../offer/offer.entity.js';
import { OfferStatus } from '../offer/offer.status.js';
import { declinePendingOffers } from '../offer/pending-offers.js';
import { requireUser, type Viewer } from '../viewer.js';
import { lockOwnListing } from './listing.access.js';
import { decodeListingCursor, effectiveSort, encodeListingCursor, type ListingSort, searchFingerprint } from './listing.cursor.js';
import { Listing } from './listing.entity.js';
import { findListingPage, type ListingCriteria, type RankedListing } from './listing.query.js';
import {
  DELETABLE_STATUSES,
  EDITABLE_STATUSES,
  normalizeCurrency,
  normalizeDescription,
  normalizePhotoIds,
  normalizePriceAmount,
  normalizeTitle,
  transition,
} from './listing.rules.js';
import { type ListingCondition, ListingStatus, ListingVisibility } from './listing.status.js';
import { parseSearchText } from './search-text.js';

export interface NewListing {
  buildingId: string;
  title: string;
  description: string;
  priceAmount: number;
  currency: string;
  categoryId: string;
  condition: ListingCondition;
  visibility?: ListingVisibility | null;
  photoIds?: string[] | null;
}

/** Absent (or null) fields stay as they are. */
export type ListingChange = { [Field in keyof Omit<NewListing, 'buildingId'>]?: NewListing[Field] | null };

export interface ListingFilter {
  buildingId?: string | null;
  categoryId?: string | null;
  priceMin?: number | null;
  priceMax?: number | null;
  condition?: ListingCondition | null;
  status?: ListingStatus | null;
  sellerId?: string | null;
}

export interface ListingSearch {
  filter?: ListingFilter | null;
  query?: string | null;
  sort?: ListingSort | null;
  first?: number | null;
  after?: string | null;
}

export interface SearchResult {
  page: Page<RankedListing>;
  cursorOf: (node: RankedListing) => string;
}

export class ListingService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly buildings: ViewerBuildings,
    private readonly categories: () => Promise<Category[]>,
    /** Media's verdict on photo ids being attached: the caller's own LISTING_PHOTOs, READY or PROCESSING. */
    private readonly requireAttachablePhotos: (photoIds: string[]) => Promise<void>,
  ) {}

  /** A DRAFT in a building where the caller is an ACTIVE member (FORBIDDEN otherwise). */
  async create(input: NewListing): Promise<Listing> {
    const sellerId = requireUser(this.viewer);
    const fields = {
      title: normalizeTitle(input.title),
      description: normalizeDescription(input.description),
      priceAmount: normalizePriceAmount(input.priceAmount),
      currency: normalizeCurrency(input.currency),
      condition: input.condition,
      visibility: input.visibility ?? ListingVisibility.BUILDING,
      photoIds: normalizePhotoIds(input.photoIds ?? []),
      category: await this.category(input.categoryId),
    };
    await this.requireActiveMember(input.buildingId);
    await this.requireAttachablePhotos(fields.photoIds);
    const listing = this.em.create(Listing, { ...fields, sellerId, buildingId: input.buildingId });
    await this.em.flush();
    return listing;
  }

  /** The seller's edits while the listing is DRAFT, ACTIVE or ARCHIVED. */
  async update(listingId: string, change: ListingChange): Promise<Listing> {
    const sellerId = requireUser(this.viewer);
    const fields: Partial<Listing> = {};
    if (change.title != null) fields.title = normalizeTitle(change.title);
    if (change.description != null) fields.description = normalizeDescription(change.description);
    if (change.priceAmount != null) fields.priceAmount = normalizePriceAmount(change.priceAmount);
    if (change.currency != null) fields.currency = normalizeCurrency(change.currency);
    if (change.condition != null) fields.condition = change.condition;
    if (change.visibility != null) fields.visibility = change.visibility;
    if (change.photoIds != null) fields.photoIds = normalizePhotoIds(change.photoIds);
    if (change.categoryId != null) fields.category = await this.category(change.categoryId);
    if (fields.photoIds) {
      // Only photos not on the listing yet are checked: one that failed since it was attached stays until the seller removes it.
      const current = await this.em.findOne(Listing, { id: listingId, sellerId });
      await this.requireAttachablePhotos(fields.photoIds.filter((id) => !current?.photoIds.includes(id)));
    }
    return this.em.transactional(async (tx) => {
      const listing = await lockOwnListing(tx, listingId, sellerId, this.buildings);
      if (!EDITABLE_STATUSES.includes(listing.status)) throw new UserInputError(`A ${listing.status} listing cannot be edited.`, 'status');
      Object.assign(listing, fields);
      await tx.flush();
      return listing;
    });
  }

  /**
   * DRAFT or ARCHIVED → ACTIVE, listed as new. Publishing shows the listing to a building, so the
   * seller must still be one of its ACTIVE members.
   */
  async publish(listingId: string): Promise<Listing> {
    const sellerId = requireUser(this.viewer);
    const current = await this.em.findOne(Listing, { id: listingId });
    if (current?.sellerId === sellerId) await this.requireActiveMember(current.buildingId);
    return this.em.transactional(async (tx) => {
      const listing = await lockOwnListing(tx, listingId, sellerId, this.buildings);
      transition(listing, ListingStatus.ACTIVE);
      listing.listedAt = new Date();
      await tx.flush();
      return listing;
    });
  }

  /** → ARCHIVED; its pending offers are declined. */
  archive(listingId: string): Promise<Listing> {
    return this.close(listingId, ListingStatus.ARCHIVED);
  }

  /** ACTIVE or RESERVED → SOLD; its pending offers are declined. */
  markSold(listingId: string): Promise<Listing> {
    return this.close(listingId, ListingStatus.SOLD);
  }

  /** Deletes a DRAFT, ACTIVE or ARCHIVED listing with its offers and favourites; returns its id. */
  async delete(listingId: string): Promise<string> {
    const sellerId = requireUser(this.viewer);
    return this.em.transactional(async (tx) => {
      const listing = await lockOwnListing(tx, listingId, sellerId, this.buildings);
      if (!DELETABLE_STATUSES.includes(listing.status)) {
        throw new UserInputError(`A ${listing.status} listing cannot be deleted; archive it instead.`, 'status');
      }
      tx.remove(listing);
      await tx.flush();
      return listingId;
    });
  }

  /**
   * `listings(...)`: visible listings matching the filter and search, one keyset page in the
   * requested order (RELEVANCE when searching, NEWEST otherwise). Status defaults to ACTIVE.
   */
  async search(search: ListingSearch): Promise<SearchResult> {
    const limit = pageSize(search.first);
    const criteria = await this.criteria(search.filter ?? {}, search.query);
    const sort = effectiveSort(search.sort, criteria.search !== null);
    const fingerprint = searchFingerprint({ sort, criteria });
    const after = search.after ? decodeListingCursor(search.after, sort, fingerprint) : null;
    const activeBuildingIds = this.viewer.userId ? await this.buildings.forReading() : new Set<string>();
    const rows = await findListingPage(this.em, { audience: { viewerId: this.viewer.userId, activeBuildingIds }, criteria, sort, after, limit: limit + 1 });
    return {
      page: toPage(rows, limit),
      cursorOf: ({ listing, rank }) =>
        encodeListingCursor({ sort, id: listing.id, listedAt: listing.listedAt.toISOString(), price: listing.priceAmount, rank: rank ?? undefined }, fingerprint),
    };
  }

  private async close(listingId: string, to: ListingStatus.ARCHIVED | ListingStatus.SOLD): Promise<Listing> {
    const sellerId = requireUser(this.viewer);
    return this.em.transactional(async (tx) => {
      const listing = await lockOwnListing(tx, listingId, sellerId, this.buildings);
      transition(listing, to);
      const declined = await declinePendingOffers(tx, listing);
      const events = declined.map((offer) => offerEvent('marketplace.offer.declined', offer, sellerId));
      if (to === ListingStatus.SOLD) {
        const accepted = await tx.findOne(Offer, { listing, status: OfferStatus.ACCEPTED });
        events.push(listingSoldEvent(listing, accepted?.buyerId ?? null));
      }
      await tx.flush();
      await recordDomainEvents(tx, events);
      return listing;
    });
  }

  private async criteria(filter: ListingFilter, query: string | null | undefined): Promise<ListingCriteria> {
    const criteria: ListingCriteria = { status: filter.status ?? ListingStatus.ACTIVE, search: parseSearchText(query) };
    if (filter.buildingId) criteria.buildingId = filter.buildingId;
    if (filter.sellerId) criteria.sellerId = filter.sellerId;
    if (filter.condition) criteria.condition = filter.condition;
    if (filter.priceMin != null) criteria.priceMin = normalizePriceAmount(filter.priceMin, 'priceMin');
    if (filter.priceMax != null) criteria.priceMax = normalizePriceAmount(filter.priceMax, 'priceMax');
    if (criteria.priceMin !== undefined && criteria.priceMax !== undefined && criteria.priceMin > criteria.priceMax) {
      throw new UserInputError('priceMin must not be above priceMax.', 'priceMin');
    }
    if (filter.categoryId) {
      const categories = await this.categories();
      const ids = subtreeIds(
        categories.map((category) => ({ id: category.id, parentId: category.parent?.id ?? null, position: category.position })),
        filter.categoryId,
      );
      if (!ids) throw new UserInputError('categoryId names no category.', 'categoryId');
      criteria.categoryIds = ids;
    }
    return criteria;
  }

  private async category(categoryId: string): Promise<Category> {
    const category = (await this.categories()).find((candidate) => candidate.id === categoryId);
    if (!category) throw new UserInputError('categoryId names no category.', 'categoryId');
    return category;
  }

  private async requireActiveMember(buildingId: string): Promise<void> {
    if (!(await this.buildings.forWriting()).has(buildingId)) {
      throw new ForbiddenError('Only active members of the building may list in it.');
    }
  }
}
