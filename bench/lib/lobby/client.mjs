// The few client calls the scenarios make through the router: GraphQL over HTTP, accounts and
// sessions, and a bounded-concurrency loop for setting up thousands of rows quickly.
import { randomBytes } from 'node:crypto';

export const PASSWORD = 'bench passphrase, long enough';

/** POSTs one operation; returns `data`, or throws with the errors (setup must not fail silently). */
export async function graphql(url, query, { variables, token, timeoutMs = 15_000 } = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
  if (response.status !== 200 || body.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  return body.data;
}

const SESSION = 'accessToken user { id }';

/** A new account, signed up through the router (argon2id: tens of ms of identity's CPU each). */
export async function signUp(url, name) {
  const input = { email: `bench-${name}-${randomBytes(4).toString('hex')}@lobby.test`, password: PASSWORD, displayName: name };
  const data = await graphql(url, `mutation($input: SignUpInput!) { signUp(input: $input) { ${SESSION} } }`, { variables: { input } });
  return { email: input.email, password: PASSWORD, token: data.signUp.accessToken, userId: data.signUp.user.id };
}

/** Accounts for these display names, a few sign-ups at a time. */
export const signUpMany = (url, names) => pool(names, 4, (name) => signUp(url, name));

/** Another session of an existing account (another device). */
export async function signIn(url, { email, password }) {
  const data = await graphql(url, `mutation($input: SignInInput!) { signIn(input: $input) { ${SESSION} } }`, { variables: { input: { email, password } } });
  return { email, password, token: data.signIn.accessToken, userId: data.signIn.user.id };
}

/** Runs `work(item, index)` over items with at most `concurrency` at a time; results in order. */
export async function pool(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
