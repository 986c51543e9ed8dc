import { randomUUID } from 'node:crypto';
import { InternalHeader } from '@lobby/contracts';
import { signCallerContext } from '@lobby/platform';
import { dataOf, type GraphQLResult } from '../../../test/support/graphql.js';
import { testSecrets } from '../../../test/support/secrets.js';
import { signedPost } from '../../../test/support/signed-request.js';

export const MESSAGE_FIELDS = 'id body attachments createdAt editedAt deletedAt clientMessageId sender { id } conversation { id }';
export const START = 'mutation($with: ID!) { startConversation(withUserId: $with) { id kind participants { id } } }';
export const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { ${MESSAGE_FIELDS} } }`;
export const EDIT = `mutation($id: ID!, $body: String!) { editMessage(messageId: $id, body: $body) { ${MESSAGE_FIELDS} } }`;
export const DELETE = `mutation($id: ID!) { deleteMessage(messageId: $id) { ${MESSAGE_FIELDS} } }`;
export const MESSAGES = `query($c: ID!, $first: Int, $after: String, $before: String) {
  messages(conversationId: $c, first: $first, after: $after, before: $before) {
    edges { cursor node { id body sender { id } createdAt deletedAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
export const MARK_READ = 'mutation($c: ID!, $m: ID!) { markConversationRead(conversationId: $c, upToMessageId: $m) { id unreadCount readReceipts { user { id } lastReadMessage { id } readAt } } }';
export const SET_TYPING = 'mutation($c: ID!, $t: Boolean!) { setTyping(conversationId: $c, isTyping: $t) }';

export interface SentMessage {
  id: string;
  body: string | null;
  attachments: string[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  clientMessageId: string | null;
  sender: { id: string };
  conversation: { id: string };
}

export interface MessagesPage {
  messages: {
    edges: Array<{ cursor: string; node: { id: string; body: string | null; sender: { id: string }; createdAt: string; deletedAt: string | null } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

/** Calls to the chat subgraph as the router would make them, on behalf of `userId` (null: signed out). */
export function chatApi(graphqlUrl: string) {
  const call = <Data = Record<string, unknown>>(userId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<Data>> =>
    signedPost<Data>(graphqlUrl, query, variables, { userId });

  const data = async <Data>(userId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<Data> => dataOf(await call<Data>(userId, query, variables));

  return {
    call,
    data,
    async start(userId: string, withUserId: string): Promise<string> {
      return (await data<{ startConversation: { id: string } }>(userId, START, { with: withUserId })).startConversation.id;
    },
    /** A new conversation between two new users. */
    async pair(): Promise<{ a: string; b: string; conversationId: string }> {
      const [a, b] = [randomUUID(), randomUUID()];
      return { a, b, conversationId: await this.start(a, b) };
    },
    async send(userId: string, conversationId: string, body: string, clientMessageId: string = randomUUID()): Promise<SentMessage> {
      return (await data<{ sendMessage: SentMessage }>(userId, SEND, { input: { conversationId, body, clientMessageId } })).sendMessage;
    },
    async page(userId: string, conversationId: string, args: { first?: number; after?: string | null; before?: string | null } = {}): Promise<MessagesPage['messages']> {
      return (await data<MessagesPage>(userId, MESSAGES, { c: conversationId, ...args })).messages;
    },
    /**
     * The router's subscribe-time question, "may this caller subscribe?": the subgraph runs the
     * field's `subscribe` resolver and answers `{}` or `{ errors }`.
     */
    async subscriptionCheck(userId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: { errors?: Array<{ message: string; extensions?: { code?: string } }> } }> {
      const body = JSON.stringify({ query, variables });
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
      return { status: response.status, body: (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> } };
    },
  };
}

export type ChatApi = ReturnType<typeof chatApi>;
