import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkSubscription } from './subscription-check.js';

let closed = 0;
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      roomMessages: {
        type: GraphQLString,
        args: { room: { type: GraphQLString } },
        subscribe: (_source, args: { room: string }, context: { member: string[] }) => {
          if (!context.member.includes(args.room)) throw new GraphQLError('Room not found.', { extensions: { code: 'NOT_FOUND' } });
          const stream: AsyncIterableIterator<string> = {
            [Symbol.asyncIterator]: () => stream,
            next: () => new Promise<IteratorResult<string>>(() => {}),
            return: async () => {
              closed += 1;
              return { done: true, value: undefined };
            },
          };
          return stream;
        },
      },
    },
  }),
});

describe('checkSubscription', () => {
  it("allows what the field's subscribe resolver allows, and closes the stream at once", async () => {
    const before = closed;
    expect(await checkSubscription(schema, { query: 'subscription { roomMessages(room: "a") }' }, { member: ['a'] })).toEqual({});
    expect(closed).toBe(before + 1);
  });

  it('answers the resolver’s error when it refuses', async () => {
    const verdict = await checkSubscription(schema, { query: 'subscription($r: String) { roomMessages(room: $r) }', variables: { r: 'b' } }, { member: ['a'] });
    expect(verdict.errors?.[0]?.toJSON()).toMatchObject({ message: 'Room not found.', extensions: { code: 'NOT_FOUND' } });
  });

  it('refuses a request without a query', async () => {
    expect((await checkSubscription(schema, {}, { member: [] })).errors).toHaveLength(1);
  });
});
