// The benchmark's one request (k6 `TestQuery`) and the check of its answer against the
// benchmark's expected response, stored as data in standard/expected-response.json.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');

export const REQUEST_BODY = JSON.stringify({ query: read('../standard/test-query.graphql') });
const EXPECTED_TEXT = read('../standard/expected-response.json');
const EXPECTED = JSON.parse(EXPECTED_TEXT);
export const EXPECTED_BYTES = Buffer.byteLength(EXPECTED_TEXT);

export async function postTestQuery(url, timeoutMs = 10_000) {
  const res = await fetch(url, {
    method: 'POST',
    // CSRF prevention (Lobby in production, Apollo Server) lets JSON requests through.
    headers: { 'content-type': 'application/json' },
    body: REQUEST_BODY,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, text: await res.text() };
}

/**
 * byteIdentical ignores only trailing whitespace (Apollo Server ends its body with a newline);
 * semantic is deep equality of the parsed JSON, key order aside.
 */
export function checkResponse({ status, text }) {
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: neither check passes.
  }
  return {
    status,
    bytes: Buffer.byteLength(text),
    hasErrors: Boolean(parsed?.errors),
    semantic: status === 200 && isDeepStrictEqual(parsed, EXPECTED),
    byteIdentical: status === 200 && text.trimEnd() === EXPECTED_TEXT,
    sample: text.slice(0, 300),
  };
}
