// Only participants can read or write a conversation or its messages, on every path. Anyone else
// gets exactly what an unknown id gets (null, or NOT_FOUND), so nothing tells them it exists.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChat, type RunningChat } from '../../../test/support/chat.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { DELETE, EDIT, MARK_READ, MESSAGES, SEND, SET_TYPING, chatApi, type ChatApi, type SentMessage } from './chat-api.js';

let chat: RunningChat;
let api: ChatApi;
let a: string;
let b: string;
let conversationId: string;
let message: SentMessage;
const outsider = randomUUID();

beforeAll(async () => {
  chat = await startChat();
  api = chatApi(chat.graphqlUrl);
  ({ a, b, conversationId } = await api.pair());
  message = await api.send(a, conversationId, 'private');
});

afterAll(async () => {
  await chat?.close();
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Conversation { id participants { id } lastMessage { body } }
  ... on Message { id body sender { id } }
} }`;

describe('a participant', () => {
  it('reads the conversation and its messages on every path', async () => {
    for (const viewer of [a, b]) {
      expect((await api.data<{ conversation: { id: string } }>(viewer, 'query($id: ID!) { conversation(id: $id) { id } }', { id: conversationId })).conversation.id).toBe(conversationId);
      expect((await api.data<{ message: { body: string } }>(viewer, 'query($id: ID!) { message(id: $id) { body } }', { id: message.id })).message.body).toBe('private');
      expect((await api.page(viewer, conversationId)).edges).toHaveLength(1);
      const entities = await api.data<{ _entities: unknown[] }>(viewer, ENTITIES, {
        r: [{ __typename: 'Conversation', id: conversationId }, { __typename: 'Message', id: message.id }],
      });
      expect(entities._entities).toEqual([
        { id: conversationId, participants: expect.arrayContaining([{ id: a }, { id: b }]), lastMessage: { body: 'private' } },
        { id: message.id, body: 'private', sender: { id: a } },
      ]);
    }
  });
});

describe('someone outside the conversation', () => {
  const unknownConversation = randomUUID();
  const unknownMessage = randomUUID();

  it.each([
    ['signed in, not a participant', outsider],
    ['signed out', null],
  ])('gets null from conversation(id), message(id), typingEvent and _entities when %s, as for unknown ids', async (_who, viewer) => {
    for (const id of [conversationId, unknownConversation]) {
      expect(await api.call(viewer, 'query($id: ID!) { conversation(id: $id) { id } }', { id })).toMatchObject({ body: { data: { conversation: null } } });
      expect(await api.call(viewer, 'query($c: ID!, $u: ID!) { typingEvent(conversationId: $c, userId: $u, isTyping: true) { isTyping } }', { c: id, u: a })).toMatchObject({
        body: { data: { typingEvent: null } },
      });
    }
    for (const id of [message.id, unknownMessage]) {
      expect(await api.call(viewer, 'query($id: ID!) { message(id: $id) { body } }', { id })).toMatchObject({ body: { data: { message: null } } });
    }
    const entities = await api.call(viewer, ENTITIES, {
      r: [
        { __typename: 'Conversation', id: conversationId },
        { __typename: 'Message', id: message.id },
        { __typename: 'Conversation', id: unknownConversation },
        { __typename: 'Message', id: unknownMessage },
      ],
    });
    expect(entities.body).toEqual({ data: { _entities: [null, null, null, null] } });
  });

  it('gets NOT_FOUND from every list and mutation, worded as for an unknown conversation or message', async () => {
    const attempts = (target: { conversation: string; message: string }) => [
      api.call(outsider, MESSAGES, { c: target.conversation }),
      api.call(outsider, SEND, { input: { conversationId: target.conversation, body: 'let me in', clientMessageId: randomUUID() } }),
      api.call(outsider, EDIT, { id: target.message, body: 'mine now' }),
      api.call(outsider, DELETE, { id: target.message }),
      api.call(outsider, MARK_READ, { c: target.conversation, m: target.message }),
      api.call(outsider, SET_TYPING, { c: target.conversation, t: true }),
    ];
    const real = await Promise.all(attempts({ conversation: conversationId, message: message.id }));
    const unknown = await Promise.all(attempts({ conversation: unknownConversation, message: unknownMessage }));
    expect(real.map(errorCodes)).toEqual(Array(6).fill(['NOT_FOUND']));
    expect(real.map((result) => result.body.errors![0]!.message)).toEqual(unknown.map((result) => result.body.errors![0]!.message));
    expect((await api.page(a, conversationId)).edges.map((edge) => edge.node.body)).toEqual(['private']);
  });

  it('cannot subscribe: NOT_FOUND from the subscription check', async () => {
    for (const query of [
      'subscription($c: ID!) { messageAdded(conversationId: $c) { id } }',
      'subscription($c: ID!) { messageUpdated(conversationId: $c) { id } }',
      'subscription($c: ID!) { typing(conversationId: $c) { isTyping } }',
    ]) {
      const check = await api.subscriptionCheck(outsider, query, { c: conversationId });
      expect(check.status).toBe(200);
      expect(check.body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(await api.subscriptionCheck(a, query, { c: conversationId })).toEqual({ status: 200, body: {} });
      expect((await api.subscriptionCheck(null, query, { c: conversationId })).body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });
});

describe('subscription check', () => {
  it('lets any signed-in user follow their own conversations, and nobody signed out', async () => {
    const query = 'subscription { conversationActivity { id } }';
    expect(await api.subscriptionCheck(outsider, query)).toEqual({ status: 200, body: {} });
    expect((await api.subscriptionCheck(null, query)).body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a malformed conversation id with BAD_USER_INPUT', async () => {
    const check = await api.subscriptionCheck(a, 'subscription { messageAdded(conversationId: "nope") { id } }');
    expect(check.body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
