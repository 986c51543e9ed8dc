import type { ReferenceResolvers } from '@lobby/platform';
import type { MarketplaceContext } from '../context.js';

/**
 * `_entities` for listings applies the tenancy rule like every other path: a listing the caller
 * may not see resolves to null, exactly like an id that does not exist.
 */
export const listingReference: ReferenceResolvers = {
  Listing: {
    __resolveReference: (reference: { id: string }, { loaders }: MarketplaceContext) => loaders.listingById.load(reference.id),
  },
};
