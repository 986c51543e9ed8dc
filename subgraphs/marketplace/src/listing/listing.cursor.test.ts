import { encodeCursor } from '@lobby/platform';
import { describe, expect, it } from 'vitest';
import { ListingSort, decodeListingCursor, effectiveSort, encodeListingCursor, searchFingerprint } from './listing.cursor.js';

const id = '0b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a';
const listedAt = '2026-11-21T10:00:00.123Z';
const code = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('expected a refusal');
};

describe('listing cursors', () => {
  const fingerprint = searchFingerprint({ sort: ListingSort.RELEVANCE, criteria: { status: 'ACTIVE', search: { words: 'bike' } } });

  it('carry exactly the sort keys of their order, and come back unchanged', () => {
    const rank = 0.0607927106320858;
    const relevance = encodeListingCursor({ sort: ListingSort.RELEVANCE, rank, listedAt, price: 100, id }, fingerprint);
    expect(decodeListingCursor(relevance, ListingSort.RELEVANCE, fingerprint)).toEqual({ sort: ListingSort.RELEVANCE, rank, listedAt, price: 100, id });
    const price = encodeListingCursor({ sort: ListingSort.PRICE_ASC, price: 0, id }, fingerprint);
    expect(decodeListingCursor(price, ListingSort.PRICE_ASC, fingerprint)).toMatchObject({ price: 0, id });
    expect(relevance).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('are refused by another sort, another search or filter, and another list', () => {
    const cursor = encodeListingCursor({ sort: ListingSort.NEWEST, listedAt, id }, fingerprint);
    expect(code(() => decodeListingCursor(cursor, ListingSort.PRICE_DESC, fingerprint))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(code(() => decodeListingCursor(cursor, ListingSort.NEWEST, searchFingerprint({ other: true })))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    const members = encodeCursor('members', { t: listedAt, i: id });
    expect(code(() => decodeListingCursor(members, ListingSort.NEWEST, fingerprint))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('are refused when edited: missing keys, wrong types, garbage', () => {
    const forged = (value: unknown) => encodeCursor('listings', value);
    for (const cursor of [
      forged({ s: 'NEWEST', f: fingerprint, i: id }),
      forged({ s: 'PRICE_ASC', f: fingerprint, p: -1, i: id }),
      forged({ s: 'NEWEST', f: fingerprint, t: 'yesterday', i: id }),
      forged({ s: 'NEWEST', f: fingerprint, t: listedAt, i: "x' OR 1=1 --" }),
      forged({ s: 'RELEVANCE', f: fingerprint, r: 'high', t: listedAt, i: id }),
      'not a cursor',
      'x'.repeat(600),
    ]) {
      expect(code(() => decodeListingCursor(cursor, ListingSort.NEWEST, fingerprint)), cursor).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('fingerprint the search deterministically', () => {
    expect(searchFingerprint({ a: 1, b: [2] })).toBe(searchFingerprint({ a: 1, b: [2] }));
    expect(searchFingerprint({ a: 1 })).not.toBe(searchFingerprint({ a: 2 }));
  });
});

describe('effectiveSort', () => {
  it('is RELEVANCE for a search and NEWEST otherwise, unless asked', () => {
    expect(effectiveSort(null, true)).toBe(ListingSort.RELEVANCE);
    expect(effectiveSort(undefined, false)).toBe(ListingSort.NEWEST);
    expect(effectiveSort(ListingSort.RELEVANCE, false)).toBe(ListingSort.NEWEST);
    expect(effectiveSort(ListingSort.PRICE_ASC, true)).toBe(ListingSort.PRICE_ASC);
    expect(effectiveSort(ListingSort.NEWEST, true)).toBe(ListingSort.NEWEST);
  });
});
