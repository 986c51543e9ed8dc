import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { failureResponse } from './failure-response.js';

const failure = new GraphQLError('The catalog service is unreachable.', { extensions: { code: 'SERVICE_UNAVAILABLE', subgraph: 'catalog' } });

describe('failureResponse', () => {
  it('puts an error on every root field the fetch asked for, by response key', () => {
    const response = failureResponse('query Q { version latest: items(first: 2) { id } }', undefined, failure);
    expect(response.data).toBeNull();
    expect(response.errors.map((error) => error.path)).toEqual([['version'], ['latest']]);
    expect(response.errors[0]).toMatchObject({ message: failure.message, extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('puts an error on every entity of an _entities fetch', () => {
    const query = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { name } } }';
    const response = failureResponse(query, { representations: [{ id: 1 }, { id: 2 }, { id: 3 }] }, failure);
    expect(response.errors.map((error) => error.path)).toEqual([['_entities', 0], ['_entities', 1], ['_entities', 2]]);
  });
});
