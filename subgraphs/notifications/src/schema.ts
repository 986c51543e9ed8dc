import { buildFederatedSchema } from '@lobby/platform';
import type { GraphQLSchema } from 'graphql';
import { notificationReference } from './notification/notification.reference.js';
import { NotificationResolver } from './notification/notification.resolver.js';
import { PreferenceResolver } from './preference/preference.resolver.js';

export function buildNotificationsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [NotificationResolver, PreferenceResolver],
    referenceResolvers: { ...notificationReference },
  });
}
