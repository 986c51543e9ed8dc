#!/usr/bin/env node
// The schema pipeline for service teams (run through pnpm, which builds first):
//   emit     each subgraph's code → its committed schema.graphql
//   compose  the committed subgraph SDLs → schema/supergraph.graphql
//   check    drift, composition and breaking-change report, for CI and before a merge
//            (--fail-on-breaking makes breaking changes of the client API fatal)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { checkExitCode, checkSupergraph } from './lib/check.mjs';
import { composeSupergraph, federationVersionProblem } from './lib/composition.mjs';
import { emitSubgraphSdl } from './lib/emit.mjs';
import { readAtRef, resolveBaseRef } from './lib/git.mjs';
import { SUPERGRAPH_FILE, readSupergraphConfig, repoRoot } from './lib/workspace.mjs';

const root = repoRoot;
let config;
const schemaPath = (subgraph) => resolve(root, subgraph.schemaFile);
const readIfExists = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null);

function emit() {
  for (const subgraph of config.subgraphs) {
    const path = schemaPath(subgraph);
    const sdl = emitSubgraphSdl(root, subgraph.name);
    const changed = readIfExists(path) !== sdl;
    writeFileSync(path, sdl);
    console.log(`${changed ? 'wrote  ' : 'same   '} ${relative(root, path)}`);
  }
  return 0;
}

function compose() {
  const versionProblem = federationVersionProblem(config.federationVersion);
  if (versionProblem) {
    console.error(`✗ ${versionProblem}`);
    return 1;
  }
  const missing = config.subgraphs.filter((s) => !existsSync(schemaPath(s)));
  if (missing.length > 0) {
    for (const s of missing) console.error(`✗ ${s.name}: ${s.schemaFile} is missing; run \`pnpm schema:emit\``);
    return 1;
  }
  const result = composeSupergraph(
    config.subgraphs.map((s) => ({ name: s.name, url: s.routingUrl, sdl: readFileSync(schemaPath(s), 'utf8') })),
  );
  printHints(result.hints);
  if (!result.ok) {
    console.error(`✗ composition failed:\n${indent(result.errors.join('\n'))}`);
    return 1;
  }
  const out = join(root, SUPERGRAPH_FILE);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.supergraphSdl);
  console.log(`✓ composed ${config.subgraphs.length} subgraph(s) → ${SUPERGRAPH_FILE}`);
  return 0;
}

function check(failOnBreaking) {
  const baseRef = resolveBaseRef(root);
  const base = readAtRef(root, baseRef, SUPERGRAPH_FILE);
  const result = checkSupergraph({
    federationVersion: config.federationVersion,
    subgraphs: config.subgraphs.map((s) => ({
      ...s,
      committedSdl: readIfExists(schemaPath(s)),
      emittedSdl: emitSubgraphSdl(root, s.name),
    })),
    committedSupergraph: readIfExists(join(root, SUPERGRAPH_FILE)),
    base: { ref: baseRef, supergraph: base.text, reason: base.reason ?? undefined },
  });

  printHints(result.hints);
  for (const problem of result.problems) {
    console.error(`✗ ${problem.title}`);
    if (problem.detail) console.error(indent(problem.detail));
  }
  const { api } = result;
  if (!api.compared) {
    console.log(`• client API not compared: ${api.note}`);
  } else if (api.breaking.length === 0) {
    console.log(`✓ no breaking changes to the client API (${api.note})`);
  } else {
    const verdict = failOnBreaking ? '✗' : '!';
    console.log(`${verdict} ${api.breaking.length} breaking change(s) to the client API (${api.note}):\n${indent(api.breaking.join('\n'))}`);
  }
  if (api.dangerous.length > 0) console.log(`! dangerous changes (${api.note}):\n${indent(api.dangerous.join('\n'))}`);

  const code = checkExitCode(result, { failOnBreaking });
  if (code === 0) console.log(`✓ supergraph check passed: ${config.subgraphs.length} subgraph(s), no drift, composes`);
  return code;
}

function printHints(hints) {
  if (hints.length > 0) console.log(`composition hints:\n${indent(hints.join('\n'))}`);
}

function indent(text) {
  return text.replace(/^/gm, '    ');
}

const [command, ...flags] = process.argv.slice(2);
const commands = { emit, compose, check: () => check(flags.includes('--fail-on-breaking')) };
if (!commands[command]) {
  console.error('usage: node scripts/supergraph.mjs <emit | compose | check [--fail-on-breaking]>');
  process.exit(2);
}
try {
  config = readSupergraphConfig(root);
  process.exitCode = commands[command]();
} catch (error) {
  console.error(`✗ ${error.message}`);
  process.exitCode = 1;
}
