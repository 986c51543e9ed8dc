import { spawnSync } from 'node:child_process';

function git(root, args) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function refExists(root, ref) {
  return git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).ok;
}

/**
 * The branch a change is judged against: SUPERGRAPH_BASE_REF when set (CI on a pull request),
 * else origin/main in a clone, else the local main.
 */
export function resolveBaseRef(root, env = process.env) {
  if (env.SUPERGRAPH_BASE_REF) return env.SUPERGRAPH_BASE_REF;
  return refExists(root, 'origin/main') ? 'origin/main' : 'main';
}

/** A file's text at `ref`, or why there is none (no such ref, or no such file there). */
export function readAtRef(root, ref, path) {
  if (!refExists(root, ref)) return { text: null, reason: `base ${ref} does not exist (no commits yet?)` };
  const shown = git(root, ['show', `${ref}:${path}`]);
  if (!shown.ok) return { text: null, reason: `base ${ref} has no ${path} yet` };
  return { text: shown.stdout, reason: null };
}
