import { UserInputError } from '@lobby/platform';

export const QUERY_MAX_LENGTH = 200;

/** A search as the database receives it: always bound values, never SQL text. */
export interface SearchText {
  /** For `plainto_tsquery('simple', …)`, which reads words and ignores every operator character. */
  words: string;
  /** For `title ILIKE … ESCAPE '\'`: the text with LIKE's wildcards escaped, so `%` and `_` match themselves. */
  titlePattern: string;
}

/** `%`, `_` and `\` are LIKE's wildcards and escape character; escaped, they match themselves. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The search for `listings(query:)`, or null when there is nothing to search for. The words go to
 * plainto_tsquery (every word must occur, in any order; `&`, `|`, `!`, `:*` and quotes are not
 * operators there), the whole text to a substring match on the title for partial words. Neither
 * is ever spliced into SQL.
 */
export function parseSearchText(query: string | null | undefined): SearchText | null {
  const text = (query ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (text.length === 0) return null;
  if ([...text].length > QUERY_MAX_LENGTH) throw new UserInputError(`query must be at most ${QUERY_MAX_LENGTH} characters.`, 'query');
  return { words: text, titlePattern: `%${escapeLikePattern(text)}%` };
}
