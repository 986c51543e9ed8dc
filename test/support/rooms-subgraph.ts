import { buildSubgraphSchema } from '@apollo/subgraph';
import { createLogger, createMetricsRegistry, createSubgraphServer, NotFoundError, type CallerContext } from '@lobby/platform';
import { parse } from 'graphql';
import { testSecrets } from './secrets.js';

export const roomsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { roomMessage(id: ID!): RoomMessage }
  type Subscription { roomMessageAdded(roomId: ID!): RoomMessage! }
  type RoomMessage @key(fields: "id") { id: ID!  roomId: ID!  text: String!  author: User! }
  type User @key(fields: "id", resolvable: false) { id: ID! }
`;

/**
 * A small real subgraph for router tests of subscriptions: rooms with members, messages readable
 * by members only, and a `subscribe` resolver that admits members only — served by the platform's
 * signed subgraph server, as a Lobby subgraph is.
 */
export async function startRoomsSubgraph() {
  const members = new Map<string, Set<string>>();
  const messages = new Map<string, { id: string; roomId: string; text: string; authorId: string }>();
  const isMember = (caller: CallerContext, roomId: string) => !!caller.userId && !!members.get(roomId)?.has(caller.userId);
  const resolvers = {
    Query: {
      roomMessage: (_: unknown, { id }: { id: string }, { caller }: { caller: CallerContext }) => {
        const message = messages.get(id);
        return message && isMember(caller, message.roomId) ? message : null;
      },
    },
    Subscription: {
      roomMessageAdded: {
        subscribe: (_: unknown, { roomId }: { roomId: string }, { caller }: { caller: CallerContext }) => {
          if (!isMember(caller, roomId)) throw new NotFoundError('Room');
          return (async function* () {})();
        },
      },
    },
    RoomMessage: { author: (message: { authorId: string }) => ({ __typename: 'User', id: message.authorId }) },
  };
  let checks = 0;
  const server = await createSubgraphServer({
    name: 'rooms',
    schema: buildSubgraphSchema([{ typeDefs: parse(roomsSdl), resolvers: resolvers as never }]),
    logger: createLogger('rooms', 'silent'),
    metrics: createMetricsRegistry('rooms'),
    signingSecrets: [testSecrets.INTERNAL_SIGNING_SECRET],
    createContext: (caller) => {
      checks += 1;
      return { caller };
    },
    isReady: async () => true,
  });
  const port = await server.listen(0, '127.0.0.1');
  return {
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    join: (roomId: string, userId: string) => members.set(roomId, (members.get(roomId) ?? new Set()).add(userId)),
    leave: (roomId: string, userId: string) => members.get(roomId)?.delete(userId),
    addMessage: (message: { id: string; roomId: string; text: string; authorId: string }) => messages.set(message.id, message),
    requests: () => checks,
    close: () => server.close(),
  };
}
