import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Apollo's persisted query manifest format, so the manifests client tooling produces work as they are. */
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string(), name: z.string().optional(), type: z.string().optional(), body: z.string() })),
});

export type TrustedDocuments = ReadonlyMap<string, string>;

/** Loads a manifest: operation hash → text. Refuses an entry whose id is not the SHA-256 of its body. */
export async function loadManifest(path: string): Promise<TrustedDocuments> {
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  const documents = new Map<string, string>();
  for (const operation of manifest.operations) {
    const hash = sha256(operation.body);
    if (operation.id !== hash) throw new Error(`Manifest ${path}: operation ${operation.name ?? operation.id} has id ${operation.id}, but its body hashes to ${hash}`);
    documents.set(hash, operation.body);
  }
  return documents;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
