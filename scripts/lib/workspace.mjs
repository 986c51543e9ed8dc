import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository root (this file lives in scripts/lib/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SUPERGRAPH_CONFIG = 'supergraph.yaml';
export const SUPERGRAPH_FILE = 'schema/supergraph.graphql';

// A name becomes a folder, a database suffix and an env var suffix (SUBGRAPH_URL_<NAME>),
// so it is kept to what all three accept without quoting.
const SUBGRAPH_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Reads the rover-format supergraph.yaml: the one list of subgraphs every script works from,
 * so adding a subgraph means adding its folder and one entry here.
 * @returns {{ federationVersion: string, subgraphs: Subgraph[] }}
 * @typedef {{ name: string, routingUrl: string, port: number, schemaFile: string }} Subgraph
 */
export function parseSupergraphConfig(text, source = SUPERGRAPH_CONFIG) {
  const problems = [];
  let document;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid YAML: ${error.message}`);
  }
  const federationVersion = document?.federation_version;
  if (typeof federationVersion !== 'string' && typeof federationVersion !== 'number') {
    problems.push('federation_version is missing (e.g. "=2.14.4")');
  }
  const entries = Object.entries(document?.subgraphs ?? {});
  if (entries.length === 0) problems.push('subgraphs: lists no subgraph');

  const subgraphs = [];
  for (const [name, entry] of entries) {
    if (!SUBGRAPH_NAME.test(name)) problems.push(`subgraphs.${name}: name must match ${SUBGRAPH_NAME}`);
    const routingUrl = entry?.routing_url;
    const port = portOf(routingUrl);
    if (port === null) problems.push(`subgraphs.${name}.routing_url must be an http URL with an explicit port`);
    const schemaFile = entry?.schema?.file;
    if (typeof schemaFile !== 'string') problems.push(`subgraphs.${name}.schema.file is missing`);
    subgraphs.push({ name, routingUrl, port, schemaFile });
  }
  if (problems.length > 0) throw new Error(`${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { federationVersion: String(federationVersion), subgraphs };
}

export function readSupergraphConfig(root = repoRoot) {
  const path = join(root, SUPERGRAPH_CONFIG);
  return parseSupergraphConfig(readFileSync(path, 'utf8'), path);
}

function portOf(routingUrl) {
  if (typeof routingUrl !== 'string') return null;
  let url;
  try {
    url = new URL(routingUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.port ? Number(url.port) : null;
}

/** Where a subgraph's code lives and what its build produces (the contract with each subgraph). */
export function subgraphPaths(root, name) {
  const dir = join(root, 'subgraphs', name);
  return {
    dir,
    emitSchema: join(dir, 'dist', 'emit-schema.js'),
    migrate: join(dir, 'dist', 'migrate.js'),
    main: join(dir, 'dist', 'main.js'),
  };
}

/**
 * The workers (`workers/<name>/`), which supergraph.yaml does not list: each declares its health
 * port in its package.json (`"lobby": { "port": 4106 }`), so adding a worker means adding its folder.
 * @returns {{ name: string, port: number, main: string }[]}
 */
export function readWorkers(root = repoRoot) {
  const dir = join(root, 'workers');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'package.json')))
    .map((entry) => {
      const manifest = JSON.parse(readFileSync(join(dir, entry.name, 'package.json'), 'utf8'));
      const port = manifest.lobby?.port;
      if (!SUBGRAPH_NAME.test(entry.name) || !Number.isInteger(port)) {
        throw new Error(`workers/${entry.name}: the name must match ${SUBGRAPH_NAME} and package.json must give "lobby": { "port": <health port> }`);
      }
      return { name: entry.name, port, main: join(dir, entry.name, 'dist', 'main.js') };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function routerMain(root) {
  return join(root, 'router', 'dist', 'main.js');
}

/** `identity` → `IDENTITY`: the suffix of the router's SUBGRAPH_URL_<NAME> override. */
export function envSuffix(name) {
  return name.toUpperCase();
}
