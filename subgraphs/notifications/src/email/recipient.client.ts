import { randomUUID } from 'node:crypto';
import type { SubgraphCaller } from '@lobby/platform';
import { z } from 'zod';

const answer = z.object({
  data: z
    .object({
      me: z.object({ email: z.string().nullable(), displayName: z.string() }).nullable(),
      actor: z.object({ displayName: z.string() }).nullable().optional(),
    })
    .nullable()
    .optional(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

export interface Addressee {
  /** Null when identity has no address for them. */
  email: string | null;
  displayName: string;
  actorName: string | null;
}

/**
 * Asks identity for the recipient's address and name, signed as the recipient: identity shows a
 * user's email only to that user, and this email goes to them alone. The actor's display name
 * comes in the same request. Throws (so the job retries) when identity does not answer.
 */
export async function findAddressee(identity: SubgraphCaller, recipientId: string, actorId: string | null): Promise<Addressee | null> {
  const query = actorId
    ? 'query($actor: ID!) { me { email displayName } actor: user(id: $actor) { displayName } }'
    : 'query { me { email displayName } }';
  const raw = await identity.query({ userId: recipientId, sessionId: null, requestId: randomUUID(), clientIp: null }, query, actorId ? { actor: actorId } : {});
  const parsed = answer.parse(raw);
  if (parsed.errors?.length) throw new Error(`identity refused: ${parsed.errors.map((error) => error.message).join('; ')}`);
  const me = parsed.data?.me;
  if (!me) return null;
  return { email: me.email, displayName: me.displayName, actorName: parsed.data?.actor?.displayName ?? null };
}
