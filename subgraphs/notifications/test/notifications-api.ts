import { randomUUID } from 'node:crypto';
import { InternalHeader } from '@lobby/contracts';
import { signCallerContext } from '@lobby/platform';
import { dataOf, type GraphQLResult } from '../../../test/support/graphql.js';
import { testSecrets } from '../../../test/support/secrets.js';
import { signedPost } from '../../../test/support/signed-request.js';

export const NOTIFICATION_FIELDS = 'id type text count actor { id } subject { __typename ... on Conversation { id } ... on Listing { id } ... on Building { id } ... on Media { id } } readAt seenAt createdAt updatedAt';
export const NOTIFICATIONS = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { edges { cursor node { ${NOTIFICATION_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;
export const NOTIFICATION = `query($id: ID!) { notification(id: $id) { ${NOTIFICATION_FIELDS} } }`;
export const UNREAD_COUNT = '{ unreadNotificationCount }';
export const MARK_READ = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt seenAt } }`;
export const MARK_SEEN = `mutation($ids: [ID!]!) { markNotificationsSeen(ids: $ids) { id readAt seenAt } }`;
export const MARK_ALL_READ = 'mutation { markAllNotificationsRead }';
export const PREFERENCES = '{ notificationPreferences { type channel enabled } }';
export const UPDATE_PREFERENCES = 'mutation($p: [NotificationPreferenceInput!]!) { updateNotificationPreferences(preferences: $p) { type channel enabled } }';

export interface NotificationResult {
  id: string;
  type: string;
  text: string;
  count: number;
  actor: { id: string } | null;
  subject: { __typename: string; id: string } | null;
  readAt: string | null;
  seenAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Calls to the notifications subgraph as the router would make them, on behalf of `userId` (null: signed out). */
export function notificationsApi(graphqlUrl: string) {
  const call = <Data = Record<string, unknown>>(userId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<Data>> =>
    signedPost<Data>(graphqlUrl, query, variables, { userId });

  const data = async <Data>(userId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<Data> => dataOf(await call<Data>(userId, query, variables));

  return {
    call,
    data,
    async list(userId: string, args: { first?: number; after?: string; unreadOnly?: boolean } = {}) {
      return (await data<{ notifications: { edges: Array<{ cursor: string; node: NotificationResult }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(userId, NOTIFICATIONS, args)).notifications;
    },
    async nodes(userId: string, args: { first?: number; unreadOnly?: boolean } = {}): Promise<NotificationResult[]> {
      return (await this.list(userId, args)).edges.map((edge) => edge.node);
    },
    async unread(userId: string): Promise<number> {
      return (await data<{ unreadNotificationCount: number }>(userId, UNREAD_COUNT)).unreadNotificationCount;
    },
    /** The router's subscribe-time question, "may this caller subscribe?": `{}` or `{ errors }`. */
    async subscriptionCheck(userId: string | null, query: string): Promise<{ errors?: Array<{ extensions?: { code?: string } }> }> {
      const body = JSON.stringify({ query, variables: {} });
      const context = { userId, sessionId: null, requestId: randomUUID(), clientIp: '203.0.113.7' };
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [InternalHeader.CONTEXT]: signCallerContext(context, body, testSecrets.INTERNAL_SIGNING_SECRET),
          [InternalHeader.SUBSCRIPTION_CHECK]: '1',
        },
        body,
      });
      return (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    },
  };
}

export type NotificationsApi = ReturnType<typeof notificationsApi>;
