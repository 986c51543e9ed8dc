import { describe, expect, it } from 'vitest';
import {
  canSee,
  canTransition,
  normalizeCurrency,
  normalizeDescription,
  normalizePhotoIds,
  normalizePriceAmount,
  normalizeTitle,
  transition,
} from './listing.rules.js';
import { ListingStatus, ListingVisibility } from './listing.status.js';

const refusal = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('expected a refusal');
};

const { DRAFT, ACTIVE, RESERVED, SOLD, ARCHIVED } = ListingStatus;

describe('listing status transitions', () => {
  it.each([
    [DRAFT, ACTIVE],
    [DRAFT, ARCHIVED],
    [ACTIVE, RESERVED],
    [ACTIVE, SOLD],
    [ACTIVE, ARCHIVED],
    [RESERVED, SOLD],
    [RESERVED, ACTIVE],
    [RESERVED, ARCHIVED],
    [ARCHIVED, ACTIVE],
  ])('allow %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    [DRAFT, RESERVED],
    [DRAFT, SOLD],
    [ACTIVE, DRAFT],
    [ACTIVE, ACTIVE],
    [SOLD, ACTIVE],
    [SOLD, ARCHIVED],
    [SOLD, DRAFT],
    [ARCHIVED, SOLD],
    [ARCHIVED, RESERVED],
  ])('refuse %s → %s with BAD_USER_INPUT, leaving the status as it was', (from, to) => {
    const listing = { status: from };
    expect(canTransition(from, to)).toBe(false);
    expect(refusal(() => transition(listing, to))).toEqual({ code: 'BAD_USER_INPUT', field: 'status' });
    expect(listing.status).toBe(from);
  });
});

describe('canSee, the tenancy rule', () => {
  const seller = 'seller';
  const building = 'building-a';
  const listing = (status: ListingStatus, visibility: ListingVisibility) => ({ sellerId: seller, buildingId: building, status, visibility });
  const members = new Set([building]);
  const none = new Set<string>();

  it('shows a published BUILDING listing to ACTIVE members of its building only', () => {
    for (const status of [ACTIVE, RESERVED, SOLD]) {
      expect(canSee(listing(status, ListingVisibility.BUILDING), 'member', members)).toBe(true);
      expect(canSee(listing(status, ListingVisibility.BUILDING), 'outsider', new Set(['building-b']))).toBe(false);
      expect(canSee(listing(status, ListingVisibility.BUILDING), null, none)).toBe(false);
    }
  });

  it('shows a published PUBLIC listing to everyone, signed out too', () => {
    expect(canSee(listing(ACTIVE, ListingVisibility.PUBLIC), null, none)).toBe(true);
    expect(canSee(listing(SOLD, ListingVisibility.PUBLIC), 'outsider', none)).toBe(true);
  });

  it('shows drafts and archived listings to their seller alone, even PUBLIC ones and to members', () => {
    for (const status of [DRAFT, ARCHIVED]) {
      for (const visibility of [ListingVisibility.BUILDING, ListingVisibility.PUBLIC]) {
        expect(canSee(listing(status, visibility), 'member', members)).toBe(false);
        expect(canSee(listing(status, visibility), null, none)).toBe(false);
        expect(canSee(listing(status, visibility), seller, none)).toBe(true);
      }
    }
  });

  it('shows sellers their own listings after they left the building', () => {
    expect(canSee(listing(ACTIVE, ListingVisibility.BUILDING), seller, none)).toBe(true);
  });
});

describe('listing fields', () => {
  it('normalises titles: NFKC, trimmed, whitespace collapsed, 3–120 characters counted as code points', () => {
    expect(normalizeTitle('  Oak   table\n')).toBe('Oak table');
    expect(normalizeTitle('Ｓｏｆａ')).toBe('Sofa');
    expect(normalizeTitle('Xe đạp')).toBe('Xe đạp');
    expect(normalizeTitle('🚲🚲🚲')).toBe('🚲🚲🚲');
    expect(normalizeTitle('x'.repeat(120))).toHaveLength(120);
  });

  it.each(['ab', '   a  ', 'x'.repeat(121), 'Sofa\u0000bed', 'Sofa\u202ebed', 'Zero\u200bwidth'])('refuses the title %j', (title) => {
    expect(refusal(() => normalizeTitle(title))).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
  });

  it('keeps line breaks in descriptions, up to 5000 characters, and refuses control characters', () => {
    expect(normalizeDescription('  Line one\r\nLine two\n\tindented ')).toBe('Line one\nLine two\n\tindented');
    expect(normalizeDescription('')).toBe('');
    expect(normalizeDescription('é'.repeat(5000))).toHaveLength(5000);
    expect(refusal(() => normalizeDescription('x'.repeat(5001)))).toEqual({ code: 'BAD_USER_INPUT', field: 'description' });
    expect(refusal(() => normalizeDescription('bell\u0007'))).toEqual({ code: 'BAD_USER_INPUT', field: 'description' });
  });

  it('takes prices as whole minor units from 0 to 2^31 − 1', () => {
    expect(normalizePriceAmount(0)).toBe(0);
    expect(normalizePriceAmount(2_147_483_647)).toBe(2_147_483_647);
    for (const amount of [-1, 1.5, Number.NaN, 2_147_483_648]) expect(refusal(() => normalizePriceAmount(amount))).toEqual({ code: 'BAD_USER_INPUT', field: 'priceAmount' });
    expect(refusal(() => normalizePriceAmount(-5, 'amount'))).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
  });

  it('takes ISO 4217 currencies in any case, and no funds, metals or test codes', () => {
    expect(normalizeCurrency('eur')).toBe('EUR');
    expect(normalizeCurrency(' VND ')).toBe('VND');
    expect(normalizeCurrency('JPY')).toBe('JPY');
    for (const code of ['EURO', 'XAU', 'XTS', 'XXX', 'BTC', '', 'E1R']) expect(refusal(() => normalizeCurrency(code))).toEqual({ code: 'BAD_USER_INPUT', field: 'currency' });
  });

  it('takes up to 10 distinct media ids as photos, in order', () => {
    const a = '0B8E5D5C-3F4A-4C1E-9A63-2F5E6D7C8B9A';
    const b = '1c8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a';
    expect(normalizePhotoIds([a, b, a])).toEqual([a.toLowerCase(), b]);
    expect(refusal(() => normalizePhotoIds(Array.from({ length: 11 }, () => b)))).toEqual({ code: 'BAD_USER_INPUT', field: 'photoIds' });
    expect(refusal(() => normalizePhotoIds(['photo.jpg']))).toEqual({ code: 'BAD_USER_INPUT', field: 'photoIds' });
  });
});
