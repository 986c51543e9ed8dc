import { randomBytes } from 'node:crypto';
import { postGraphQL } from './graphql.js';

export const AUTH_FIELDS = 'accessToken refreshToken expiresAt user { id displayName email }';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: { id: string; displayName: string; email: string | null };
}

export function newCredentials(name = 'Resident') {
  return { email: `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`, password: 'a long enough passphrase', displayName: name };
}

export async function signUp(graphqlUrl: string, credentials = newCredentials()): Promise<Session> {
  const result = await postGraphQL<{ signUp: Session }>(graphqlUrl, `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`, {
    variables: { input: credentials },
  });
  if (!result.body.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(result.body.errors)}`);
  return result.body.data.signUp;
}
