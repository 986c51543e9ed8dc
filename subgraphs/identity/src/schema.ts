import { buildFederatedSchema } from '@lobby/platform';
import type { GraphQLSchema } from 'graphql';
import { AuthResolver } from './auth/auth.resolver.js';
import { userReference } from './user/user.reference.js';
import { UserResolver } from './user/user.resolver.js';

export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [UserResolver, AuthResolver], referenceResolvers: userReference });
}
