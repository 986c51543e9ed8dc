import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAccessCheckQuery, buildPayloadQuery } from './payload-query.js';

const schema = buildSchema(`
  type Query { message(id: ID!): Message  typingEvent(conversationId: ID!, userId: ID!, isTyping: Boolean!): Typing  unreadCount: Int! }
  type Subscription { messageAdded(conversationId: ID!): Message!  typing(conversationId: ID!): Typing!  unreadCountChanged: Int! }
  type Message { id: ID!  body(format: String): String  sender: User! }
  type User { id: ID!  displayName: String }
  type Typing { isTyping: Boolean!  user: User! }
`);

describe('buildPayloadQuery', () => {
  const subscription = parse(`
    subscription OnMessage($c: ID!, $format: String) { added: messageAdded(conversationId: $c) { id body(format: $format) ...Sender } }
    fragment Sender on Message { sender { ...UserName } }
    fragment UserName on User { displayName }
    fragment Unused on User { id }
  `);

  it('keeps the alias, the selection, the fragments it uses and the variables they use', () => {
    const payload = buildPayloadQuery(schema, subscription, 'OnMessage', { c: 'conv-1', format: 'plain' }, 'message');
    const document = parse(payload.query);
    expect(validate(schema, document)).toEqual([]);
    expect(payload.responseKey).toBe('added');
    expect(payload.query).toMatch(/added: message\(id: \$__payload_id\)/);
    expect(payload.query).not.toMatch(/Unused|\$c\b/);
    expect(payload.variables({ id: 'm-1' })).toEqual({ format: 'plain', __payload_id: 'm-1' });
  });

  it('types the payload arguments from the schema', () => {
    const typing = parse('subscription { typing(conversationId: "c") { isTyping user { id } } }');
    const payload = buildPayloadQuery(schema, typing, undefined, {}, 'typingEvent');
    expect(validate(schema, parse(payload.query))).toEqual([]);
    expect(payload.variables({ conversationId: 'c', userId: 'u', isTyping: true })).toEqual({
      __payload_conversationId: 'c',
      __payload_userId: 'u',
      __payload_isTyping: true,
    });
  });

  it('builds the payload of a scalar subscription from a scalar field, selecting nothing', () => {
    const payload = buildPayloadQuery(schema, parse('subscription { count: unreadCountChanged }'), undefined, {}, 'unreadCount');
    expect(validate(schema, parse(payload.query))).toEqual([]);
    expect(payload.query.replace(/\s+/g, ' ')).toBe('query SubscriptionPayload { count: unreadCount }');
    expect(payload.responseKey).toBe('count');
  });

  it('refuses a payload field the schema does not have', () => {
    expect(() => buildPayloadQuery(schema, subscription, 'OnMessage', {}, 'nope')).toThrow(/Query.nope/);
  });
});

describe('buildAccessCheckQuery', () => {
  it('asks for the same root field and arguments, selecting only __typename', () => {
    const query = buildAccessCheckQuery(parse('subscription S($c: ID!, $f: String) { messageAdded(conversationId: $c) { body(format: $f) sender { displayName } } }'), 'S');
    expect(query.replace(/\s+/g, ' ')).toBe('subscription S($c: ID!) { messageAdded(conversationId: $c) { __typename } }');
  });

  it('selects nothing under a scalar field', () => {
    const query = buildAccessCheckQuery(parse('subscription { unreadCountChanged }'));
    expect(validate(schema, parse(query))).toEqual([]);
    expect(query.replace(/\s+/g, ' ')).toBe('subscription { unreadCountChanged }');
  });
});
