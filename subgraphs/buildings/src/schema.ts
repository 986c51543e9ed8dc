import { buildFederatedSchema } from '@lobby/platform';
import type { GraphQLSchema } from 'graphql';
import { buildingReference } from './building/building.reference.js';
import { BuildingResolver } from './building/building.resolver.js';
import { MembershipResolver } from './membership/membership.resolver.js';
import { userReference } from './user/user.reference.js';
import { UserResolver } from './user/user.resolver.js';

export function buildBuildingsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [BuildingResolver, MembershipResolver, UserResolver],
    referenceResolvers: { ...buildingReference, ...userReference },
  });
}
