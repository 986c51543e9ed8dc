#!/usr/bin/env node
// `node scripts/trusted-documents.mjs <file or folder>... > manifest.json`: the persisted query
// manifest of a client's operations, for the router's trusted-documents mode
// (TRUSTED_DOCUMENTS_MANIFEST). Reads every .graphql file under the given paths.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest } from './lib/trusted-documents.mjs';

function graphqlFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true })
    .filter((name) => String(name).endsWith('.graphql'))
    .map((name) => join(path, String(name)));
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: node scripts/trusted-documents.mjs <file or folder>... > manifest.json');
  process.exit(2);
}
try {
  const sources = paths.flatMap(graphqlFiles).map((name) => ({ name, text: readFileSync(name, 'utf8') }));
  process.stdout.write(`${JSON.stringify(buildManifest(sources), null, 2)}\n`);
} catch (error) {
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
