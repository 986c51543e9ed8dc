import { describe, expect, it } from 'vitest';
import {
  directorySearchPattern,
  escapeLikePattern,
  normalizeAccentColor,
  normalizeBuildingName,
  normalizeCountry,
  normalizeLogoMediaId,
  normalizeSlug,
} from './building.rules.js';

const refusal = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('expected a refusal');
};

describe('normalizeSlug', () => {
  it.each([
    ['maple-court', 'maple-court'],
    ['  Maple-Court ', 'maple-court'],
    ['abc', 'abc'],
    ['b12-3rd-floor', 'b12-3rd-floor'],
    ['a'.repeat(60), 'a'.repeat(60)],
  ])('accepts %j as %j', (raw, slug) => {
    expect(normalizeSlug(raw)).toBe(slug);
  });

  it.each(['ab', 'a'.repeat(61), '-maple', 'maple-', 'maple--court', 'maple court', 'maple_court', 'café', 'ma%ple', ''])('refuses %j', (raw) => {
    expect(refusal(() => normalizeSlug(raw))).toEqual({ code: 'BAD_USER_INPUT', field: 'slug' });
  });
});

describe('normalizeCountry', () => {
  it('accepts assigned codes in any case', () => {
    expect(normalizeCountry('de')).toBe('DE');
    expect(normalizeCountry(' VN ')).toBe('VN');
    expect(normalizeCountry('gb')).toBe('GB');
  });

  it.each(['UK', 'EU', 'XK', 'ZZ', 'DEU', 'D', '', '1A'])('refuses %j', (raw) => {
    expect(refusal(() => normalizeCountry(raw))).toEqual({ code: 'BAD_USER_INPUT', field: 'country' });
  });
});

describe('normalizeAccentColor', () => {
  it('accepts #rrggbb and lower-cases it', () => {
    expect(normalizeAccentColor('#A1B2C3')).toBe('#a1b2c3');
  });

  it.each(['a1b2c3', '#abc', '#a1b2c3d4', '#ggg000', 'red', 'rgb(0,0,0)'])('refuses %j', (raw) => {
    expect(refusal(() => normalizeAccentColor(raw))).toEqual({ code: 'BAD_USER_INPUT', field: 'accentColor' });
  });
});

describe('normalizeLogoMediaId', () => {
  it('accepts a UUID or null', () => {
    expect(normalizeLogoMediaId('0B8E5D5C-3F4A-4C1E-9A63-2F5E6D7C8B9A')).toBe('0b8e5d5c-3f4a-4c1e-9a63-2f5e6d7c8b9a');
    expect(normalizeLogoMediaId(null)).toBeNull();
  });

  it('refuses anything else', () => {
    expect(refusal(() => normalizeLogoMediaId('logo.png'))).toEqual({ code: 'BAD_USER_INPUT', field: 'logoMediaId' });
  });
});

describe('normalizeBuildingName', () => {
  it('collapses whitespace and folds compatibility characters', () => {
    expect(normalizeBuildingName('  Maple   Ｃｏｕｒｔ ')).toBe('Maple Court');
  });

  it.each(['   ', 'x'.repeat(101), 'Maple\u0000Court', 'Maple\u202eCourt'])('refuses %j', (raw) => {
    expect(refusal(() => normalizeBuildingName(raw))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
  });
});

describe('search escaping', () => {
  it('escapes LIKE wildcards and the escape character, and nothing else', () => {
    expect(escapeLikePattern('100%')).toBe('100\\%');
    expect(escapeLikePattern('a_b')).toBe('a\\_b');
    expect(escapeLikePattern('back\\slash')).toBe('back\\\\slash');
    expect(escapeLikePattern(`O'Brien "Tower" -- ; DROP`)).toBe(`O'Brien "Tower" -- ; DROP`);
  });

  it('wraps the escaped text for a substring match, or gives null for a blank search', () => {
    expect(directorySearchPattern(' 50%_off ')).toBe('%50\\%\\_off%');
    expect(directorySearchPattern('   ')).toBeNull();
    expect(directorySearchPattern(undefined)).toBeNull();
  });

  it('refuses a search longer than 100 characters', () => {
    expect(refusal(() => directorySearchPattern('x'.repeat(101)))).toEqual({ code: 'BAD_USER_INPUT', field: 'search' });
  });
});
