import { UserInputError } from '@lobby/platform';
import { isUuid } from '@lobby/platform';
import { COUNTRY_CODES } from './country-codes.js';

export const NAME_MAX_LENGTH = 100;
export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 60;
export const ADDRESS_MAX_LENGTH = 200;
export const CITY_MAX_LENGTH = 100;
export const SEARCH_MAX_LENGTH = 100;
export const DEFAULT_ACCENT_COLOR = '#2563eb';

// eslint-disable-next-line no-control-regex -- control and bidi-override characters are exactly what is refused
const invisible = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

/** Trimmed, NFKC, inner whitespace collapsed; 1..max characters without control characters. */
function normalizeText(raw: string, field: string, label: string, max: number): string {
  const text = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (text.length === 0) throw new UserInputError(`${label} must not be empty.`, field);
  if ([...text].length > max) throw new UserInputError(`${label} must be at most ${max} characters.`, field);
  if (invisible.test(text)) throw new UserInputError(`${label} contains invisible or control characters.`, field);
  return text;
}

export const normalizeBuildingName = (raw: string) => normalizeText(raw, 'name', 'Name', NAME_MAX_LENGTH);
export const normalizeAddress = (raw: string) => normalizeText(raw, 'address', 'Address', ADDRESS_MAX_LENGTH);
export const normalizeCity = (raw: string) => normalizeText(raw, 'city', 'City', CITY_MAX_LENGTH);

// Lower-case letters and digits in hyphen-separated words: no leading, trailing or doubled hyphen.
const slugShape = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A building's address in URLs: `Maple-Court ` is taken as `maple-court`. */
export function normalizeSlug(raw: string): string {
  const slug = raw.trim().toLowerCase();
  if (slug.length < SLUG_MIN_LENGTH || slug.length > SLUG_MAX_LENGTH || !slugShape.test(slug)) {
    throw new UserInputError(
      `Slug must be ${SLUG_MIN_LENGTH}–${SLUG_MAX_LENGTH} lower-case letters, digits and single hyphens, starting and ending with a letter or digit.`,
      'slug',
    );
  }
  return slug;
}

/** ISO 3166-1 alpha-2, upper-case (`de` → `DE`); reserved codes such as `EU` or `XK` are refused. */
export function normalizeCountry(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!COUNTRY_CODES.has(code)) throw new UserInputError('Country must be an ISO 3166-1 alpha-2 code, such as DE or VN.', 'country');
  return code;
}

/** `#RRGGBB` in lower case. */
export function normalizeAccentColor(raw: string): string {
  const color = raw.trim().toLowerCase();
  if (!/^#[0-9a-f]{6}$/.test(color)) throw new UserInputError('Accent colour must be a hex colour such as #2563eb.', 'accentColor');
  return color;
}

export function normalizeLogoMediaId(raw: string | null): string | null {
  if (raw === null) return null;
  if (!isUuid(raw.trim())) throw new UserInputError('logoMediaId is not a valid media ID.', 'logoMediaId');
  return raw.trim().toLowerCase();
}

/** `%`, `_` and `\` are LIKE's wildcards and escape; escaped, they match themselves. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The ILIKE pattern for a directory search (a substring of the name or city, any case), or null
 * when there is nothing to search for. The pattern is a value the ORM quotes, never SQL text, so
 * quotes are data; escaping the wildcards makes them data for LIKE too.
 */
export function directorySearchPattern(search: string | null | undefined): string | null {
  const text = (search ?? '').normalize('NFKC').trim();
  if (text.length === 0) return null;
  if ([...text].length > SEARCH_MAX_LENGTH) throw new UserInputError(`search must be at most ${SEARCH_MAX_LENGTH} characters.`, 'search');
  return `%${escapeLikePattern(text)}%`;
}
