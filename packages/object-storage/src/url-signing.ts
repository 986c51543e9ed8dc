import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring URLs for local-disk storage, served by the media service: an upload URL
 * allows one PUT of at most `max` bytes of `type` to one key; a download URL one key's GET. The
 * key is derived from the internal signing secret under its own label, so these signatures are
 * good for nothing else.
 */
export interface UrlSigner {
  uploadUrl(key: string, contentType: string, maxBytes: number, expiresAt: Date): string;
  downloadUrl(key: string, expiresAt: Date): string;
}

export const LOCAL_UPLOAD_PATH = '/media/upload';
export const LOCAL_FILE_PATH = '/media/file';

export interface VerifiedUpload {
  key: string;
  contentType: string;
  maxBytes: number;
}

function signingKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('lobby media urls v1').digest();
}

function mac(key: Buffer, fields: string[]): string {
  return createHmac('sha256', key).update(fields.join('\n')).digest('base64url');
}

function matches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createUrlSigner(secret: string, publicBaseUrl: string): UrlSigner {
  const key = signingKey(secret);
  const base = publicBaseUrl.replace(/\/+$/, '');
  const expiry = (date: Date) => String(Math.floor(date.getTime() / 1000));
  return {
    uploadUrl(objectKey, contentType, maxBytes, expiresAt) {
      const exp = expiry(expiresAt);
      const params = new URLSearchParams({ key: objectKey, type: contentType, max: String(maxBytes), exp });
      params.set('sig', mac(key, ['PUT', objectKey, contentType, String(maxBytes), exp]));
      return `${base}${LOCAL_UPLOAD_PATH}?${params}`;
    },
    downloadUrl(objectKey, expiresAt) {
      const exp = expiry(expiresAt);
      const params = new URLSearchParams({ key: objectKey, exp });
      params.set('sig', mac(key, ['GET', objectKey, exp]));
      return `${base}${LOCAL_FILE_PATH}?${params}`;
    },
  };
}

/** The verifying half, for the media service's routes: null for a bad or expired URL. */
export function createUrlVerifier(secrets: readonly string[]) {
  const keys = secrets.map(signingKey);
  const fresh = (exp: string | null | undefined, now: number) => !!exp && /^\d{1,12}$/.test(exp) && Number(exp) * 1000 >= now;
  return {
    upload(query: URLSearchParams, now = Date.now()): VerifiedUpload | null {
      const [objectKey, type, max, exp] = ['key', 'type', 'max', 'exp'].map((name) => query.get(name));
      if (!objectKey || !type || !max || !/^\d{1,12}$/.test(max) || !fresh(exp, now)) return null;
      const ok = keys.some((k) => matches(mac(k, ['PUT', objectKey, type, max, exp!]), query.get('sig')));
      return ok ? { key: objectKey, contentType: type, maxBytes: Number(max) } : null;
    },
    download(query: URLSearchParams, now = Date.now()): string | null {
      const [objectKey, exp] = ['key', 'exp'].map((name) => query.get(name));
      if (!objectKey || !fresh(exp, now)) return null;
      return keys.some((k) => matches(mac(k, ['GET', objectKey, exp!]), query.get('sig'))) ? objectKey : null;
    },
  };
}

export type UrlVerifier = ReturnType<typeof createUrlVerifier>;
