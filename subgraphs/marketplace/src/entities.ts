import { Category } from './category/category.entity.js';
import { Favourite } from './favourite/favourite.entity.js';
import { Listing } from './listing/listing.entity.js';
import { Offer } from './offer/offer.entity.js';

export const entities = [Category, Listing, Favourite, Offer];
