import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildManifest } from './trusted-documents.mjs';

describe('buildManifest', () => {
  it('makes one entry per operation with the fragments it uses, hashed', () => {
    const manifest = buildManifest([
      { name: 'me.graphql', text: 'query Me { me { ...UserParts } }' },
      { name: 'parts.graphql', text: 'fragment UserParts on User { id displayName ...Extra } fragment Extra on User { createdAt } fragment Unused on User { id }' },
      { name: 'sign-out.graphql', text: 'mutation SignOut($t: String!) { signOut(refreshToken: $t) }' },
    ]);
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.operations.map((o: { name: string; type: string }) => [o.name, o.type])).toEqual([['Me', 'query'], ['SignOut', 'mutation']]);
    const me = manifest.operations[0]!;
    expect(me.body).toContain('fragment UserParts');
    expect(me.body).toContain('fragment Extra');
    expect(me.body).not.toContain('Unused');
    expect(me.id).toBe(createHash('sha256').update(me.body).digest('hex'));
  });

  it.each([
    ['an anonymous operation', [{ name: 'a.graphql', text: '{ me { id } }' }], /needs a name/],
    ['a duplicate name', [{ name: 'a.graphql', text: 'query A { me { id } }' }, { name: 'b.graphql', text: 'query A { me { id } }' }], /defined twice/],
    ['a missing fragment', [{ name: 'a.graphql', text: 'query A { me { ...Nope } }' }], /fragment Nope/],
  ])('refuses %s', (_name, sources, message) => {
    expect(() => buildManifest(sources)).toThrow(message);
  });
});
