// Composes the four benchmark subgraphs into the supergraph every gateway under test loads.
// Rover cannot compose offline here, so this calls @apollo/composition directly.
// Run alone: `node bench/standard/compose.mjs` rewrites supergraph.graphql.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphs } from './subgraphs/index.mjs';
import { SUBGRAPH_ORIGIN } from '../lib/ports.mjs';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));

export function composeSupergraph() {
  const result = composeServices(
    subgraphs.map(({ name, typeDefs }) => ({
      name,
      url: `${SUBGRAPH_ORIGIN}/${name}`,
      typeDefs: parse(typeDefs),
    })),
  );
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  }
  writeFileSync(SUPERGRAPH_PATH, `${result.supergraphSdl}\n`);
  return SUPERGRAPH_PATH;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${composeSupergraph()}`);
}
