// Starts the processes the bench needs, each pinned to a core and in its own process group, and
// guarantees they are all killed when the bench ends — normally, on error, or on Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

const started = new Set();

export function startPinned({ name, cpu, command, args, env, cwd, logDir }) {
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn('taskset', ['-c', cpu, command, ...args], {
    cwd,
    env: { ...process.env, ...env },
    // Own process group, so the whole tree (workers, forks) dies with one kill.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const proc = { name, child, pid: child.pid, logFile: join(logDir, `${name}.log`), exited: null };
  const exited = (code, signal) => {
    proc.exited = { code, signal };
    started.delete(proc);
  };
  child.on('exit', exited);
  child.on('error', (error) => exited(null, error.message));
  started.add(proc);
  return proc;
}

/**
 * Moves a running process (every thread) to other cores. The Lobby scenarios let services use
 * both cores while they set up data, and pin them again before anything is measured.
 */
export function repin(proc, cpu) {
  if (proc.exited) return;
  try {
    execFileSync('taskset', ['-a', '-pc', cpu, String(proc.pid)], { stdio: 'ignore' });
  } catch (error) {
    // Gone in the meantime: its exit is reported where it matters.
    if (!proc.exited) throw error;
  }
}

function killGroup(proc, signal) {
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function stop(proc, graceMs = 3000) {
  if (proc.exited) return;
  killGroup(proc, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (!proc.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  killGroup(proc, 'SIGKILL');
}

export async function stopAll() {
  await Promise.all([...started].map((proc) => stop(proc)));
}

// Last resort for paths that cannot await (process 'exit'): SIGKILL every group still alive.
export function killAllNow() {
  for (const proc of started) killGroup(proc, 'SIGKILL');
}

export function runToEnd({ command, args, env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = { name: command, child, pid: child.pid, exited: null };
    started.add(proc);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      proc.exited = { code, signal };
      started.delete(proc);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} exited ${code ?? signal}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}
