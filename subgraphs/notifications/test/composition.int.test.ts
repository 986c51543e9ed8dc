// A notification's subject names entities other subgraphs own: notifications declares them as
// key-only stubs, and the supergraph resolves each from its owner (Media from media).
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

describe('the supergraph with notifications', () => {
  it('composes the subject union over entities their owners resolve, Media from media', () => {
    const result = composeSupergraph(committed);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.supergraphSdl).toMatch(/union NotificationSubject[^=]*= Conversation \| Listing \| Building \| Media/);
    const media = result.ok ? /type Media\s((?:\s*@join__type\([^)]*\))+)/.exec(result.supergraphSdl)?.[1] : null;
    expect(media).toContain('@join__type(graph: MEDIA, key: "id")');
    expect(media).toContain('@join__type(graph: NOTIFICATIONS, key: "id", resolvable: false)');
  });
});
