import { compareApiSchemas } from './api-changes.mjs';
import { composeSupergraph, federationVersionProblem } from './composition.mjs';
import { shortDiff } from './text-diff.mjs';
import { SUPERGRAPH_FILE } from './workspace.mjs';

/**
 * What `pnpm supergraph:check` decides, with no I/O: the caller reads the files, runs each
 * subgraph's emitter and reads the base branch, and passes the texts in.
 *
 * @param {object} input
 * @param {string} [input.federationVersion] supergraph.yaml's federation_version
 * @param {{ name: string, routingUrl: string, schemaFile: string, committedSdl: string | null, emittedSdl: string }[]} input.subgraphs
 * @param {string | null} input.committedSupergraph schema/supergraph.graphql, null if absent
 * @param {{ ref: string, supergraph: string | null, reason?: string }} input.base the main branch's supergraph
 * @returns {CheckResult}
 * @typedef {{ title: string, detail?: string }} Problem
 * @typedef {{ problems: Problem[], hints: string[], supergraphSdl: string | null,
 *   api: { compared: boolean, note: string, breaking: string[], dangerous: string[] } }} CheckResult
 */
export function checkSupergraph({ federationVersion, subgraphs, committedSupergraph, base }) {
  const problems = [];
  const versionProblem = federationVersion === undefined ? null : federationVersionProblem(federationVersion);
  if (versionProblem) problems.push({ title: versionProblem });

  for (const subgraph of subgraphs) {
    if (subgraph.committedSdl === null) {
      problems.push({ title: `${subgraph.name}: ${subgraph.schemaFile} is missing; run \`pnpm schema:emit\` and commit it` });
      continue;
    }
    const diff = shortDiff(subgraph.schemaFile, normalise(subgraph.committedSdl), `${subgraph.name} (emitted by code)`, normalise(subgraph.emittedSdl));
    if (diff) {
      problems.push({
        title: `${subgraph.name}: ${subgraph.schemaFile} differs from what the code emits; run \`pnpm schema:emit\` and commit it`,
        detail: diff,
      });
    }
  }

  // Compose what is committed (what rover and the router would see); a missing file is already a
  // problem above, and the emitted SDL stands in for it so composition errors still surface.
  const composition = composeSupergraph(
    subgraphs.map((s) => ({ name: s.name, url: s.routingUrl, sdl: s.committedSdl ?? s.emittedSdl })),
  );
  if (!composition.ok) {
    problems.push({ title: 'composition failed', detail: composition.errors.join('\n') });
    return { problems, hints: composition.hints, supergraphSdl: null, api: notCompared('composition failed') };
  }

  const recomposed = composition.supergraphSdl;
  if (committedSupergraph === null) {
    problems.push({ title: `${SUPERGRAPH_FILE} is missing; run \`pnpm supergraph:compose\` and commit it` });
  } else {
    const diff = shortDiff(SUPERGRAPH_FILE, normalise(committedSupergraph), 'recomposed', recomposed);
    if (diff) {
      problems.push({ title: `${SUPERGRAPH_FILE} differs from the recomposed supergraph; run \`pnpm supergraph:compose\` and commit it`, detail: diff });
    }
  }

  return { problems, hints: composition.hints, supergraphSdl: recomposed, api: apiChanges(base, recomposed) };
}

function apiChanges(base, current) {
  if (base.supergraph === null) return notCompared(base.reason ?? `${base.ref} has no ${SUPERGRAPH_FILE} yet`);
  try {
    const { breaking, dangerous } = compareApiSchemas(base.supergraph, current);
    return { compared: true, note: `compared with ${base.ref}`, breaking, dangerous };
  } catch (error) {
    return notCompared(`the supergraph on ${base.ref} could not be read: ${error.message}`);
  }
}

function notCompared(note) {
  return { compared: false, note, breaking: [], dangerous: [] };
}

/** Exit code: problems always fail; breaking changes fail only when asked to. */
export function checkExitCode(result, { failOnBreaking = false } = {}) {
  if (result.problems.length > 0) return 1;
  return failOnBreaking && result.api.breaking.length > 0 ? 1 : 0;
}

// A checkout with CRLF line endings is not drift.
function normalise(text) {
  return text.replaceAll('\r\n', '\n');
}
