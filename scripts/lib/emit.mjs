import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { subgraphPaths } from './workspace.mjs';

/**
 * Runs a subgraph's compiled emit-schema.js and returns the SDL it prints. It needs no database,
 * so it runs anywhere the build ran.
 */
export function emitSubgraphSdl(root, name) {
  const script = subgraphPaths(root, name).emitSchema;
  if (!existsSync(script)) throw new Error(`${name}: ${script} does not exist; run \`pnpm build\` first`);
  const result = spawnSync(process.execPath, [script], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // Emitting reads no configuration; a stray LOG_LEVEL=debug must not leak log lines into the SDL.
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  if (result.status !== 0) {
    throw new Error(`${name}: ${script} exited with ${result.status ?? result.signal}\n${result.stderr}`);
  }
  if (!result.stdout.trim()) throw new Error(`${name}: ${script} printed no schema`);
  return result.stdout;
}
