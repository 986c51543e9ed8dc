/** A header a client must send with its upload, exactly as given. */
export interface UploadHeader {
  name: string;
  value: string;
}

export interface UploadTarget {
  url: string;
  headers: UploadHeader[];
}

export interface UploadRules {
  contentType: string;
  /** The exact size the client declared (local disk refuses more; S3 signs this Content-Length). */
  byteSize: number;
  expiresAt: Date;
}

/**
 * Where media bytes live. Two implementations: local disk (the media service serves the signed
 * upload and download URLs) and any S3-compatible store (presigned URLs straight to the store).
 * Keys are paths such as `originals/<id>` and `variants/<id>/640.webp`.
 */
export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  /** Where a client PUTs the object, with the headers it must send; valid until `expiresAt`. */
  uploadTarget(key: string, rules: UploadRules): Promise<UploadTarget>;
  /** A URL anyone holding it may GET the object with, until `expiresAt`. */
  downloadUrl(key: string, expiresAt: Date): Promise<string>;
  /** Size of a stored object, or null when there is none. */
  stat(key: string): Promise<{ byteSize: number } | null>;
  /** The first `length` bytes (fewer if the object is shorter): enough to tell its real type. */
  readStart(key: string, length: number): Promise<Buffer>;
  read(key: string): Promise<Buffer>;
  /** Replaces the object whole: a reader sees the old bytes or the new ones, never a mix. */
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  delete(keys: string[]): Promise<void>;
}

const safeKey = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/** Keys are made by Lobby, never by clients; this refuses anything that could escape a folder. */
export function assertSafeKey(key: string): string {
  if (key.length > 200 || !safeKey.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`Unsafe storage key: ${JSON.stringify(key)}`);
  }
  return key;
}
