import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallerContext, Logger, Page } from '@lobby/platform';
import type DataLoader from 'dataloader';
import type { ActiveBuildingsClient } from './buildings/active-buildings.client.js';
import { ViewerBuildings } from './buildings/viewer-buildings.js';
import type { Category } from './category/category.entity.js';
import { createCategoriesLoader } from './category/category.loader.js';
import { createViewerFavouriteLoader } from './favourite/favourite.loader.js';
import { FavouriteService } from './favourite/favourite.service.js';
import type { Listing } from './listing/listing.entity.js';
import type { MediaClient } from './media/media.client.js';
import { createParentListingsLoader, createVisibleListingLoader, type ParentListingsKey } from './listing/listing.loader.js';
import type { ListingRecord } from './listing/listing.record.js';
import { ListingService } from './listing/listing.service.js';
import type { Offer } from './offer/offer.entity.js';
import { createListingOffersLoader } from './offer/offer.loader.js';
import { OfferService } from './offer/offer.service.js';
import type { Viewer } from './viewer.js';

export interface MarketplaceLoaders {
  /** Visible listings only: the tenancy rule is inside the loader. */
  listingById: DataLoader<string, Listing | null>;
  listingsBySeller: DataLoader<ParentListingsKey, Page<ListingRecord>, string>;
  listingsByBuilding: DataLoader<ParentListingsKey, Page<ListingRecord>, string>;
  viewerFavourite: DataLoader<string, boolean>;
  listingOffers: DataLoader<ListingRecord, Offer[], string>;
}

/** What every marketplace resolver sees: built fresh for each request (own EntityManager fork, loaders, membership lookup). */
export interface MarketplaceContext {
  caller: CallerContext;
  viewer: Viewer;
  em: EntityManager;
  /** The caller's ACTIVE buildings, asked of buildings at most once per request. */
  buildings: ViewerBuildings;
  /** The category tree, read at most once per request. */
  categories: () => Promise<Category[]>;
  listings: ListingService;
  favourites: FavouriteService;
  offers: OfferService;
  loaders: MarketplaceLoaders;
}

/** What outlives a request: the clients of the subgraphs marketplace asks as the caller. */
export interface MarketplaceClients {
  buildings: ActiveBuildingsClient;
  media: MediaClient;
}

export function createMarketplaceContext(caller: CallerContext, em: EntityManager, clients: MarketplaceClients, logger: Logger): MarketplaceContext {
  const viewer: Viewer = { userId: caller.userId };
  const buildings = new ViewerBuildings(clients.buildings, caller, logger);
  const categories = createCategoriesLoader(em);
  const loaders: MarketplaceLoaders = {
    listingById: createVisibleListingLoader(em, viewer, buildings),
    listingsBySeller: createParentListingsLoader(em, viewer, buildings, 'seller_id'),
    listingsByBuilding: createParentListingsLoader(em, viewer, buildings, 'building_id'),
    viewerFavourite: createViewerFavouriteLoader(em, viewer),
    listingOffers: createListingOffersLoader(em, viewer),
  };
  return {
    caller,
    viewer,
    em,
    buildings,
    categories,
    listings: new ListingService(em, viewer, buildings, categories, (photoIds) => clients.media.requireAttachablePhotos(caller, photoIds)),
    favourites: new FavouriteService(em, viewer, buildings, loaders.listingById),
    offers: new OfferService(em, viewer, loaders.listingById),
    loaders,
  };
}
