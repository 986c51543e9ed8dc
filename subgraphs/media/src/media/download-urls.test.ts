import { createUrlSigner, type ObjectStorage } from '@lobby/object-storage';
import { describe, expect, it } from 'vitest';
import { createDownloadUrls } from './download-urls.js';

const TTL = 3600;
const signer = createUrlSigner('s'.repeat(40), 'http://media.test');

/** Local-disk signing, counted; `fail` makes the next signing reject. */
function countingStorage() {
  const state = { signed: 0, fail: false };
  const storage = {
    downloadUrl: async (key: string, expiresAt: Date) => {
      state.signed += 1;
      if (state.fail) {
        state.fail = false;
        throw new Error('signing failed');
      }
      return signer.downloadUrl(key, expiresAt);
    },
  } as Pick<ObjectStorage, 'downloadUrl'> as ObjectStorage;
  return { storage, state };
}

describe('createDownloadUrls', () => {
  it('signs a key once per second, with exactly the URL each reader would have got', async () => {
    const { storage, state } = countingStorage();
    let now = Date.UTC(2026, 10, 22, 10, 0, 0, 10);
    const urls = createDownloadUrls(storage, TTL, () => now);
    const first = await urls('variants/a/320.webp');
    now += 980; // the same second
    expect(await urls('variants/a/320.webp')).toBe(first);
    expect(first).toBe(signer.downloadUrl('variants/a/320.webp', new Date(now + TTL * 1000)));
    expect(state.signed).toBe(1);
    now += 10; // the next second: a URL that lives a second longer
    const next = await urls('variants/a/320.webp');
    expect(next).toBe(signer.downloadUrl('variants/a/320.webp', new Date(now + TTL * 1000)));
    expect(next).not.toBe(first);
    expect(state.signed).toBe(2);
  });

  it('keeps keys apart', async () => {
    const { storage } = countingStorage();
    const urls = createDownloadUrls(storage, TTL, () => 1_000);
    expect(await urls('variants/a/320.webp')).not.toBe(await urls('variants/b/320.webp'));
  });

  it('does not keep a signing that failed: the next reader tries again', async () => {
    const { storage, state } = countingStorage();
    const urls = createDownloadUrls(storage, TTL, () => 1_000);
    state.fail = true;
    await expect(urls('variants/a/320.webp')).rejects.toThrow('signing failed');
    expect(await urls('variants/a/320.webp')).toBe(signer.downloadUrl('variants/a/320.webp', new Date(1_000 + TTL * 1000)));
    expect(state.signed).toBe(2);
  });
});
