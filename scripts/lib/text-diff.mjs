import { createTwoFilesPatch } from 'diff';

/**
 * A unified diff from `expected` to `actual`, cut to `maxLines` so one renamed type does not
 * bury the rest of a CI log; null when the two are equal.
 */
export function shortDiff(expectedLabel, expected, actualLabel, actual, maxLines = 40) {
  if (expected === actual) return null;
  const patch = createTwoFilesPatch(expectedLabel, actualLabel, expected, actual, '', '', { context: 2 });
  // The first line is a row of '=' that only separates patches; drop it.
  const lines = patch.split('\n').filter((line, index) => !(index === 0 && line.startsWith('====')));
  while (lines.at(-1) === '') lines.pop();
  if (lines.length <= maxLines) return lines.join('\n');
  return [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more diff lines`].join('\n');
}
