import { describe, expect, it } from 'vitest';
import { escapeLikePattern, parseSearchText } from './search-text.js';

describe('search input is data', () => {
  it('escapes LIKE wildcards and the escape character, and nothing else', () => {
    expect(escapeLikePattern('50%')).toBe('50\\%');
    expect(escapeLikePattern('snake_case')).toBe('snake\\_case');
    expect(escapeLikePattern('back\\slash')).toBe('back\\\\slash');
    expect(escapeLikePattern(`O'Brien "chair" -- ; DROP TABLE listings`)).toBe(`O'Brien "chair" -- ; DROP TABLE listings`);
  });

  it('hands the words to plainto_tsquery as they are and wraps the escaped text for a title substring', () => {
    expect(parseSearchText('  red   bike ')).toEqual({ words: 'red bike', titlePattern: '%red bike%' });
    expect(parseSearchText('100% _new_ \\o/')).toEqual({ words: '100% _new_ \\o/', titlePattern: '%100\\% \\_new\\_ \\\\o/%' });
    expect(parseSearchText("a & b | !c:* 'x'")).toEqual({ words: "a & b | !c:* 'x'", titlePattern: "%a & b | !c:* 'x'%" });
  });

  it('folds compatibility characters, so full-width input finds normal text', () => {
    expect(parseSearchText('ｂｉｋｅ')?.words).toBe('bike');
  });

  it('gives null for no search, and refuses more than 200 characters', () => {
    expect(parseSearchText(undefined)).toBeNull();
    expect(parseSearchText(null)).toBeNull();
    expect(parseSearchText('   ')).toBeNull();
    expect(parseSearchText('é'.repeat(200))?.words).toHaveLength(200);
    expect(() => parseSearchText('x'.repeat(201))).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'query' } }));
  });
});
