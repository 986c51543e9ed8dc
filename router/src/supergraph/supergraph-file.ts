import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { Logger } from '@lobby/platform';

/** Throws, with composition's own message, unless `sdl` is a valid supergraph. */
export function validateSupergraph(sdl: string): void {
  Supergraph.build(sdl);
}

/**
 * The supergraph the router serves, read from disk and re-read when the file changes. A new
 * version that does not parse or validate is refused and logged; the last good one keeps serving.
 */
export class SupergraphFile {
  private watcher: FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private current = '';

  constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<string> {
    const sdl = await readFile(this.path, 'utf8');
    validateSupergraph(sdl);
    this.current = sdl;
    return sdl;
  }

  /** Calls `apply` with each new valid version. Watches the folder, since editors and tools replace files by renaming. */
  watch(apply: (sdl: string) => Promise<void> | void, onRefused: (error: unknown) => void = () => {}): void {
    const file = basename(this.path);
    this.watcher = watch(dirname(this.path), (_event, changed) => {
      if (changed && changed !== file) return;
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.reload(apply, onRefused), 100);
    });
  }

  close(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.watcher?.close();
  }

  private async reload(apply: (sdl: string) => Promise<void> | void, onRefused: (error: unknown) => void) {
    let sdl: string;
    try {
      sdl = await readFile(this.path, 'utf8');
      if (sdl === this.current) return;
      validateSupergraph(sdl);
      await apply(sdl);
    } catch (error) {
      this.logger.error({ err: error, path: this.path }, 'refused the new supergraph; still serving the last good one');
      onRefused(error);
      return;
    }
    this.current = sdl;
    this.logger.info({ path: this.path }, 'supergraph reloaded');
  }
}
