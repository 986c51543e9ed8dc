import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { startChat, type RunningChat } from '../support/chat.js';
import { errorCodes, postGraphQL, readCounter } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

// Issue 5's checks: two users chat through the router while one listens on a second router process.
let identity: RunningIdentity;
let chat: RunningChat;
let sending: RunningRouter;
let listening: RunningRouter;
let ana: Session;
let ben: Session;
let carl: Session;
let conversationId: string;
const clients: Client[] = [];

beforeAll(async () => {
  identity = await startIdentity();
  chat = await startChat();
  // Both routers and chat share one Redis namespace: events from chat reach every router replica.
  const shared = { SUBGRAPH_URL_CHAT: chat.graphqlUrl, REDIS_KEY_PREFIX: chat.redisKeyPrefix };
  [sending, listening] = [await startRouter(identity, shared), await startRouter(identity, shared)];
  [ana, ben, carl] = [await signUp(sending.graphqlUrl, newCredentials('Ana')), await signUp(sending.graphqlUrl, newCredentials('Ben')), await signUp(sending.graphqlUrl, newCredentials('Carl'))];
  const started = await postGraphQL<{ startConversation: { id: string } }>(sending.graphqlUrl, 'mutation($with: ID!) { startConversation(withUserId: $with) { id } }', {
    token: ana.accessToken,
    variables: { with: ben.user.id },
  });
  conversationId = started.body.data!.startConversation.id;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await sending?.close();
  await listening?.close();
  await chat?.close();
  await identity?.close();
});

function subscribe(session: Session, query: string, variables: Record<string, unknown>) {
  const client = createClient({ url: listening.graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${session.accessToken}` }, retryAttempts: 0 });
  clients.push(client);
  return client.iterate({ query, variables });
}

async function listeningTo(count: number) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await readCounter(`${listening.url}/metrics`, 'lobby_router_subscriptions_active')) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the subscription never became active');
}

const send = (body: string, clientMessageId: string) =>
  postGraphQL<{ sendMessage: { id: string } }>(sending.graphqlUrl, 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', {
    token: ana.accessToken,
    variables: { input: { conversationId, body, clientMessageId } },
  });

const MESSAGES = 'query($c: ID!, $after: String) { messages(conversationId: $c, after: $after) { edges { cursor node { id body } } } }';

describe('chat through two routers', () => {
  it("delivers A's messages to B on the other router, in order, exactly once, even when a send is retried", async () => {
    const stream = subscribe(ben, 'subscription($c: ID!) { messageAdded(conversationId: $c) { body sender { displayName } } }', { c: conversationId });
    const received: unknown[] = [];
    const reading = (async () => {
      for await (const result of stream) {
        received.push(result);
        if (received.length === 2) break;
      }
    })();
    await listeningTo(1);
    const first = await send('Is the bike still for sale?', 'client-1');
    const retried = await send('Is the bike still for sale?', 'client-1');
    expect(retried.body.data!.sendMessage.id).toBe(first.body.data!.sendMessage.id);
    await send('I can pick it up tonight.', 'client-2');
    await reading;
    expect(received).toEqual([
      { data: { messageAdded: { body: 'Is the bike still for sale?', sender: { displayName: 'Ana' } } } },
      { data: { messageAdded: { body: 'I can pick it up tonight.', sender: { displayName: 'Ana' } } } },
    ]);
    // Nothing more arrives: the retry published nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toHaveLength(2);
  });

  it('lets a subscriber that missed messages catch up with messages(after: lastSeenCursor)', async () => {
    const seen = await postGraphQL<{ messages: { edges: Array<{ cursor: string; node: { body: string } }> } }>(sending.graphqlUrl, MESSAGES, { token: ben.accessToken, variables: { c: conversationId } });
    const lastSeen = seen.body.data!.messages.edges.at(-1)!.cursor;
    for (const [index, body] of ['one', 'two', 'three'].entries()) await send(body, `missed-${index}`);
    const caughtUp = await postGraphQL<{ messages: { edges: Array<{ node: { body: string } }> } }>(sending.graphqlUrl, MESSAGES, { token: ben.accessToken, variables: { c: conversationId, after: lastSeen } });
    expect(caughtUp.body.data!.messages.edges.map((edge) => edge.node.body)).toEqual(['one', 'two', 'three']);
  });

  it('delivers typing events to the other participant', async () => {
    const stream = subscribe(ben, 'subscription($c: ID!) { typing(conversationId: $c) { isTyping user { displayName } } }', { c: conversationId });
    const next = stream.next();
    await listeningTo(1);
    await postGraphQL(sending.graphqlUrl, 'mutation($c: ID!) { setTyping(conversationId: $c, isTyping: true) }', { token: ana.accessToken, variables: { c: conversationId } });
    expect((await next).value).toEqual({ data: { typing: { isTyping: true, user: { displayName: 'Ana' } } } });
  });

  it('keeps a third user out of the conversation on every path', async () => {
    await expect(subscribe(carl, 'subscription($c: ID!) { messageAdded(conversationId: $c) { body } }', { c: conversationId }).next()).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
    expect(errorCodes(await postGraphQL(sending.graphqlUrl, MESSAGES, { token: carl.accessToken, variables: { c: conversationId } }))).toEqual(['NOT_FOUND']);
    const direct = await postGraphQL<{ conversation: unknown }>(sending.graphqlUrl, 'query($c: ID!) { conversation(id: $c) { id } }', { token: carl.accessToken, variables: { c: conversationId } });
    expect(direct.body.data).toEqual({ conversation: null });
  });
});
