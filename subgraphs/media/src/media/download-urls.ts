import type { ObjectStorage } from '@lobby/object-storage';

/** A signed URL anyone holding it may download a stored object with, for the configured time. */
export type DownloadUrls = (key: string) => Promise<string>;

/**
 * Signed download URLs, each kept for the clock second it was signed in. A URL depends only on
 * its key and its expiry in whole seconds (now + a whole number of seconds), so whoever asks for
 * a key within that second gets the URL they would have got anyway: on local disk the very same
 * string; with S3, one signed in the same second. A feed shows the same thumbnails to every
 * viewer, and signing ~80 URLs anew for each feed was a sixth of media's CPU
 * (docs/adr/0010-feed-hot-path.md). Only the current second's URLs are kept.
 */
export function createDownloadUrls(storage: ObjectStorage, ttlSeconds: number, now: () => number = Date.now): DownloadUrls {
  let second = Number.NaN;
  let urls = new Map<string, Promise<string>>();
  return (key) => {
    const at = now();
    if (Math.floor(at / 1000) !== second) {
      second = Math.floor(at / 1000);
      urls = new Map();
    }
    let url = urls.get(key);
    if (!url) {
      const signed = storage.downloadUrl(key, new Date(at + ttlSeconds * 1000));
      const kept = urls;
      // A signing that failed is not kept: the next reader tries again.
      signed.catch(() => kept.delete(key));
      urls.set(key, signed);
      url = signed;
    }
    return url;
  };
}
