import type { ReferenceResolvers } from '@lobby/platform';
import type { IdentityContext } from '../context.js';

export const userReference: ReferenceResolvers = {
  User: {
    __resolveReference: (reference: { id: string }, { loaders }: IdentityContext) => loaders.userById.load(reference.id),
  },
};
