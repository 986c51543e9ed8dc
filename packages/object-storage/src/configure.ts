import { resolve } from 'node:path';
import type { StorageEnv } from './env.js';
import { LocalDiskStorage } from './local-disk.js';
import type { ObjectStorage } from './object-storage.js';
import { S3Storage } from './s3.js';
import type { UrlSigner } from './url-signing.js';

/** A signer that refuses: the worker stores and reads objects but never hands out URLs. */
export const noUrls: UrlSigner = {
  uploadUrl: () => {
    throw new Error('This process does not hand out upload URLs.');
  },
  downloadUrl: () => {
    throw new Error('This process does not hand out download URLs.');
  },
};

/** The storage the environment names; `signer` makes local-disk URLs (the media service's). */
export function createObjectStorage(env: StorageEnv, signer: UrlSigner = noUrls): ObjectStorage & { close(): void } {
  if (env.MEDIA_STORAGE === 's3') {
    return new S3Storage({
      endpoint: env.MEDIA_S3_ENDPOINT,
      region: env.MEDIA_S3_REGION,
      bucket: env.MEDIA_S3_BUCKET,
      accessKeyId: env.MEDIA_S3_ACCESS_KEY_ID,
      secretAccessKey: env.MEDIA_S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.MEDIA_S3_FORCE_PATH_STYLE,
    });
  }
  return Object.assign(new LocalDiskStorage(resolve(env.MEDIA_LOCAL_STORAGE_DIR), signer), { close: () => {} });
}
