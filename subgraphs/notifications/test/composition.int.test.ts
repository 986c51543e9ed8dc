// The subject union names media's Media before the media subgraph exists: the supergraph must
// compose without it (today) and with it (once it lands as `type Media @key(fields: "id")`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../../scripts/lib/composition.mjs';
import { readSupergraphConfig, repoRoot } from '../../../scripts/lib/workspace.mjs';

const committed = readSupergraphConfig(repoRoot).subgraphs.map((subgraph) => ({
  name: subgraph.name,
  url: subgraph.routingUrl,
  sdl: readFileSync(join(repoRoot, subgraph.schemaFile), 'utf8'),
}));

const mediaSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { media(id: ID!): Media }
  type Media @key(fields: "id") { id: ID!  status: String!  url: String }
`;

describe('the supergraph with notifications', () => {
  it('composes from the committed subgraphs, with Media reachable only as a key', () => {
    const result = composeSupergraph(committed);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.supergraphSdl).toMatch(/union NotificationSubject[^=]*= Conversation \| Listing \| Building \| Media/);
  });

  it('composes once a media subgraph owns Media, which the subject then resolves from', () => {
    const result = composeSupergraph([...committed, { name: 'media', url: 'http://localhost:4006/graphql', sdl: mediaSdl }]);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.supergraphSdl).toMatch(/type Media\s+@join__type\(graph: MEDIA, key: "id"\)\s+@join__type\(graph: NOTIFICATIONS, key: "id", resolvable: false\)/);
  });
});
