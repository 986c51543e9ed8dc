import type { ReferenceResolvers } from '@lobby/platform';
import type { BuildingsContext } from '../context.js';

/** The directory is public: anyone resolving a Building by key gets it (or null for an unknown id). */
export const buildingReference: ReferenceResolvers = {
  Building: {
    __resolveReference: (reference: { id: string }, { loaders }: BuildingsContext) => loaders.buildingById.load(reference.id),
  },
};
