import type { ReferenceResolvers } from '@lobby/platform';
import type { UserReference } from './user.type.js';

/** Users are identity's: a reference is all this subgraph needs to answer `User.avatar`. */
export const userReference: ReferenceResolvers = {
  User: { __resolveReference: (reference: UserReference): UserReference => ({ id: reference.id }) },
};
