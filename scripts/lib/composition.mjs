import { createRequire } from 'node:module';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const require = createRequire(import.meta.url);

/** The composition library's own version: what `federation_version: =x.y.z` must name. */
export const compositionVersion = require('@apollo/composition/package.json').version;

/**
 * Composes subgraph SDLs the way rover would (rover cannot compose offline, STACK.md).
 * Never throws on bad input: a subgraph that does not parse is a composition error like any other.
 * @param {{ name: string, url: string, sdl: string }[]} subgraphs
 * @returns {{ ok: true, supergraphSdl: string, hints: string[] } | { ok: false, errors: string[], hints: string[] }}
 */
export function composeSupergraph(subgraphs) {
  const errors = [];
  const services = [];
  for (const { name, url, sdl } of subgraphs) {
    try {
      services.push({ name, url, typeDefs: parse(sdl) });
    } catch (error) {
      errors.push(`[${name}] schema does not parse: ${error.message}`);
    }
  }
  if (errors.length > 0) return { ok: false, errors, hints: [] };

  const result = composeServices(services);
  const hints = (result.hints ?? []).map((hint) => `[${hint.definition.code}] ${hint.message}`);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => `[${error.extensions?.code ?? 'ERROR'}] ${error.message}`), hints };
  }
  return { ok: true, supergraphSdl: withFinalNewline(result.supergraphSdl), hints };
}

/**
 * A problem when supergraph.yaml pins a federation version other than the composition library
 * installed here: rover and `pnpm supergraph:compose` would then produce different supergraphs.
 * A bare major (`2`) pins nothing and is accepted.
 */
export function federationVersionProblem(declared, installed = compositionVersion) {
  const pinned = /^=(\d+\.\d+\.\d+)$/.exec(declared.trim());
  if (!pinned) return /^=?2(\.\d+)*$/.test(declared.trim()) ? null : `federation_version "${declared}" is not a federation 2 version`;
  return pinned[1] === installed
    ? null
    : `supergraph.yaml pins federation_version ${declared} but @apollo/composition ${installed} is installed; make them agree`;
}

export function withFinalNewline(text) {
  return `${text.trimEnd()}\n`;
}
