import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLOURS = [36, 35, 33, 32, 34, 91, 96, 95];

/**
 * Runs Lobby's processes side by side: every output line prefixed with its service's name,
 * stopped together with SIGTERM then SIGKILL, and a process that dies on its own reported
 * through `onUnexpectedExit`.
 */
export class Supervisor {
  #children = new Map();
  #stopping = false;
  #width;
  #colour;

  /** @param {{ names: string[], colour?: boolean, onUnexpectedExit: (name: string, code: number | null, signal: string | null) => void }} options */
  constructor({ names, colour = false, onUnexpectedExit }) {
    this.#width = Math.max(5, ...names.map((name) => name.length));
    this.#colour = colour ? new Map(names.map((name, i) => [name, COLOURS[i % COLOURS.length]])) : null;
    this.onUnexpectedExit = onUnexpectedExit;
    // Should this process die without stopping its children (an uncaught error), take them along.
    process.on('exit', () => {
      for (const child of this.#children.values()) child.kill('SIGKILL');
    });
  }

  /** Prints a line in the same prefixed format as the services' own lines. */
  log(name, line, stream = process.stdout) {
    const label = name.padEnd(this.#width);
    const colour = this.#colour?.get(name);
    stream.write(`${colour ? `\x1b[${colour}m${label}\x1b[0m` : label} │ ${line}\n`);
  }

  /** Starts a long-running service; its exit before `stopAll` counts as unexpected. */
  start(name, script, env) {
    const child = this.#spawn(name, script, env);
    this.log('lobby', `started ${name} (pid ${child.pid})`);
    child.once('exit', (code, signal) => {
      this.#children.delete(name);
      if (!this.#stopping) this.onUnexpectedExit(name, code, signal);
    });
    return child;
  }

  /** Runs a one-shot step (a migration) to its end; resolves with its exit code. */
  runToEnd(name, script, env) {
    const child = this.#spawn(name, script, env);
    return new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#children.delete(name);
        resolve(code ?? (signal ? 128 : 1));
      });
    });
  }

  /**
   * SIGTERM to everything still running; SIGKILL to what is still there after `timeoutMs`.
   * Resolves with what happened to each child.
   */
  stopAll(timeoutMs) {
    this.#stopping = true;
    return Promise.all([...this.#children.entries()].map(([name, child]) => this.#stop(name, child, timeoutMs)));
  }

  #stop(name, child, timeoutMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.log('lobby', `${name} did not stop within ${timeoutMs} ms; killing it`);
        child.kill('SIGKILL');
      }, timeoutMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        this.#children.delete(name);
        resolve({ name, pid: child.pid, code, signal });
      });
      if (child.exitCode !== null || child.signalCode !== null) {
        clearTimeout(timer);
        resolve({ name, pid: child.pid, code: child.exitCode, signal: child.signalCode });
        return;
      }
      child.kill('SIGTERM');
    });
  }

  #spawn(name, script, env) {
    const child = spawn(process.execPath, [script], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches only this supervisor, which then stops
      // each child once (a service treats a second signal as "exit now").
      detached: true,
    });
    this.#children.set(name, child);
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.log(name, line, out));
    }
    return child;
  }
}
