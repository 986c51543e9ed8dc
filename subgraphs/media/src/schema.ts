import { buildFederatedSchema } from '@lobby/platform';
import type { GraphQLSchema } from 'graphql';
import { AvatarResolver } from './avatar/avatar.resolver.js';
import { mediaReference } from './media/media.reference.js';
import { MediaResolver } from './media/media.resolver.js';
import { userReference } from './user/user.reference.js';

export function buildMediaSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [MediaResolver, AvatarResolver],
    referenceResolvers: { ...mediaReference, ...userReference },
  });
}
