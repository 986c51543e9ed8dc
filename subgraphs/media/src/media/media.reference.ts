import type { ReferenceResolvers } from '@lobby/platform';
import type { MediaContext } from '../context.js';

/** `_entities` for media applies the reading rule like every other path: hidden is null, like unknown. */
export const mediaReference: ReferenceResolvers = {
  Media: {
    __resolveReference: (reference: { id: string }, { loaders }: MediaContext) => loaders.mediaById.load(reference.id),
  },
};
