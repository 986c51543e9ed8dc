// Chat through the router, beside identity: two residents talk over HTTP with names resolved from
// identity, and a third sees nothing of it by any path the router offers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { startChat, type RunningChat } from '../support/chat.js';
import { uniqueRedisPrefix } from '../support/database.js';
import { dataOf, errorCodes, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let chat: RunningChat;
let router: RunningRouter;
let ana: Session;
let ben: Session;
let cleo: Session;

beforeAll(async () => {
  // One namespace for both: the router listens for the events chat publishes under it.
  const redisKeyPrefix = uniqueRedisPrefix('chat-e2e');
  identity = await startIdentity();
  chat = await startChat({ REDIS_KEY_PREFIX: redisKeyPrefix });
  router = await startRouter(identity, { SUBGRAPH_URL_CHAT: chat.graphqlUrl, REDIS_KEY_PREFIX: redisKeyPrefix });
  [ana, ben, cleo] = await Promise.all([signUp(router.graphqlUrl, newCredentials('Ana')), signUp(router.graphqlUrl, newCredentials('Ben')), signUp(router.graphqlUrl, newCredentials('Cleo'))]);
});

afterAll(async () => {
  await router?.close();
  await chat?.close();
  await identity?.close();
});

async function as<Data>(session: Session | null, query: string, variables: Record<string, unknown> = {}) {
  return postGraphQL<Data>(router.graphqlUrl, query, { variables, ...(session ? { token: session.accessToken } : {}) });
}

async function ok<Data>(session: Session | null, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return dataOf(await as<Data>(session, query, variables));
}

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id body sender { id displayName } conversation { participants { displayName } } } }';
const MESSAGES = `query($c: ID!, $after: String) { messages(conversationId: $c, after: $after) {
  edges { cursor node { id body sender { id displayName } createdAt } }
  pageInfo { hasNextPage endCursor }
} }`;
type Page = { messages: { edges: Array<{ cursor: string; node: { id: string; body: string; sender: { id: string; displayName: string } } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('chat through the router', () => {
  it('lets two residents talk, with names from identity, once per clientMessageId, and catch up after a cursor', async () => {
    const started = await ok<{ startConversation: { id: string; participants: Array<{ displayName: string }> } }>(
      ana,
      'mutation($with: ID!) { startConversation(withUserId: $with) { id participants { displayName } } }',
      { with: ben.user.id },
    );
    const conversationId = started.startConversation.id;
    expect(started.startConversation.participants.map((user) => user.displayName).sort()).toEqual(['Ana', 'Ben']);

    const input = { conversationId, body: 'Is the bike still for sale?', clientMessageId: randomUUID() };
    const sent = await ok<{ sendMessage: { id: string; sender: unknown; conversation: unknown } }>(ana, SEND, { input });
    expect(sent.sendMessage).toMatchObject({ sender: { id: ana.user.id, displayName: 'Ana' } });
    const retried = await ok<{ sendMessage: { id: string } }>(ana, SEND, { input });
    expect(retried.sendMessage.id).toBe(sent.sendMessage.id);

    const first = await ok<Page>(ben, MESSAGES, { c: conversationId });
    expect(first.messages.edges.map((edge) => [edge.node.body, edge.node.sender.displayName])).toEqual([['Is the bike still for sale?', 'Ana']]);
    const lastSeen = first.messages.pageInfo.endCursor;
    await ok(ben, SEND, { input: { conversationId, body: 'Yes!', clientMessageId: randomUUID() } });
    await ok(ana, SEND, { input: { conversationId, body: 'Great, tonight?', clientMessageId: randomUUID() } });
    const later = await ok<Page>(ben, MESSAGES, { c: conversationId, after: lastSeen });
    expect(later.messages.edges.map((edge) => `${edge.node.sender.displayName}: ${edge.node.body}`)).toEqual(['Ben: Yes!', 'Ana: Great, tonight?']);
    expect(later.messages.pageInfo.hasNextPage).toBe(false);

    const inbox = await ok<{ myConversations: { edges: Array<{ node: { id: string; unreadCount: number; lastMessage: { body: string; sender: { displayName: string } } } }> } }>(
      ben,
      '{ myConversations { edges { node { id unreadCount lastMessage { body sender { displayName } } } } } }',
    );
    expect(inbox.myConversations.edges.map((edge) => edge.node)).toEqual([{ id: conversationId, unreadCount: 1, lastMessage: { body: 'Great, tonight?', sender: { displayName: 'Ana' } } }]);
  });

  it('shows a third resident nothing of it, and a signed-out caller gets UNAUTHENTICATED', async () => {
    const { startConversation } = await ok<{ startConversation: { id: string } }>(ana, 'mutation($with: ID!) { startConversation(withUserId: $with) { id } }', { with: ben.user.id });
    const message = await ok<{ sendMessage: { id: string } }>(ana, SEND, { input: { conversationId: startConversation.id, body: 'between us', clientMessageId: randomUUID() } });

    expect(errorCodes(await as(cleo, MESSAGES, { c: startConversation.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await as(cleo, SEND, { input: { conversationId: startConversation.id, body: 'hi', clientMessageId: randomUUID() } }))).toEqual(['NOT_FOUND']);
    const lookups = await as<{ conversation: null; message: null }>(cleo, 'query($c: ID!, $m: ID!) { conversation(id: $c) { id } message(id: $m) { body } }', {
      c: startConversation.id,
      m: message.sendMessage.id,
    });
    expect(lookups.body).toEqual({ data: { conversation: null, message: null } });
    expect(errorCodes(await as(null, MESSAGES, { c: startConversation.id }))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses to start a conversation with yourself', async () => {
    expect(errorCodes(await as(ana, 'mutation($with: ID!) { startConversation(withUserId: $with) { id } }', { with: ana.user.id }))).toEqual(['BAD_USER_INPUT']);
  });
});
