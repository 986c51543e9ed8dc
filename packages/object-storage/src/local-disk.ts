import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { assertSafeKey, type ObjectStorage, type UploadRules, type UploadTarget } from './object-storage.js';
import type { UrlSigner } from './url-signing.js';

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The upload is larger than the ${maxBytes} bytes declared.`);
  }
}

export class UploadRefusedError extends Error {}

// Partial files live beside the objects, never among them: a crash mid-write leaves no stray key.
const TEMP_DIR = '.tmp';

/**
 * Objects as files under one directory (shared by the media service and the media worker). Every
 * write goes to a temporary file first and is renamed into place, so a reader sees a whole
 * object or none, and a process killed mid-write leaves nothing under the key.
 */
export class LocalDiskStorage implements ObjectStorage {
  readonly kind = 'local' as const;

  constructor(
    private readonly root: string,
    private readonly signer: UrlSigner,
  ) {}

  async uploadTarget(key: string, rules: UploadRules): Promise<UploadTarget> {
    return {
      url: this.signer.uploadUrl(assertSafeKey(key), rules.contentType, rules.byteSize, rules.expiresAt),
      headers: [{ name: 'content-type', value: rules.contentType }],
    };
  }

  async downloadUrl(key: string, expiresAt: Date): Promise<string> {
    return this.signer.downloadUrl(assertSafeKey(key), expiresAt);
  }

  async stat(key: string): Promise<{ byteSize: number } | null> {
    try {
      return { byteSize: (await stat(this.path(key))).size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async readStart(key: string, length: number): Promise<Buffer> {
    const file = await open(this.path(key), 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  async write(key: string, body: Buffer): Promise<void> {
    const temp = await this.tempFile();
    try {
      await writeFile(temp, body);
      await this.moveIntoPlace(temp, key);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /**
   * Streams an upload to disk, refusing it as soon as it passes `maxBytes` or once its first
   * bytes fail `checkStart` (the real type, whatever the client declared) — before it is all read,
   * and without ever placing a byte under the key.
   */
  async receive(key: string, body: AsyncIterable<Buffer>, options: { maxBytes: number; startLength: number; checkStart: (start: Buffer) => void }): Promise<number> {
    const temp = await this.tempFile();
    const out = createWriteStream(temp);
    let size = 0;
    let start: Buffer | null = Buffer.alloc(0);
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > options.maxBytes) throw new UploadTooLargeError(options.maxBytes);
        if (start) {
          start = Buffer.concat([start, chunk]);
          if (start.length >= options.startLength) {
            options.checkStart(start);
            start = null;
          }
        }
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      if (start) options.checkStart(start);
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      await this.moveIntoPlace(temp, key);
      return size;
    } catch (error) {
      out.destroy();
      await rm(temp, { force: true });
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (directory: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(directory, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== TEMP_DIR) await walk(path);
        } else {
          keys.push(relative(this.root, path).split(sep).join('/'));
        }
      }
    };
    await walk(this.root);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => unlink(this.path(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    })));
  }

  private path(key: string): string {
    return join(this.root, assertSafeKey(key));
  }

  private async tempFile(): Promise<string> {
    const directory = join(this.root, TEMP_DIR);
    await mkdir(directory, { recursive: true });
    return join(directory, randomUUID());
  }

  private async moveIntoPlace(temp: string, key: string): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(temp, target);
  }
}
