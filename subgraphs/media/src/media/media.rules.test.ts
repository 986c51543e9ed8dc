import { describe, expect, it } from 'vitest';
import { canSee, checkByteSize, isAttachable, normalizeContentType, selectVariants } from './media.rules.js';
import { MediaPurpose, MediaStatus } from './media.status.js';

const owner = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';
const media = (purpose: MediaPurpose, status: MediaStatus) => ({ ownerId: owner, purpose, status });

describe('media rules', () => {
  it('lets the owner see everything, others listing photos and avatars once uploaded, and nobody else a chat attachment', () => {
    for (const status of Object.values(MediaStatus)) expect(canSee(media(MediaPurpose.CHAT_ATTACHMENT, status), owner)).toBe(true);
    expect(canSee(media(MediaPurpose.LISTING_PHOTO, MediaStatus.READY), other)).toBe(true);
    expect(canSee(media(MediaPurpose.AVATAR, MediaStatus.PROCESSING), null)).toBe(true);
    expect(canSee(media(MediaPurpose.LISTING_PHOTO, MediaStatus.PENDING_UPLOAD), other)).toBe(false);
    expect(canSee(media(MediaPurpose.CHAT_ATTACHMENT, MediaStatus.READY), other)).toBe(false);
    expect(canSee(media(MediaPurpose.CHAT_ATTACHMENT, MediaStatus.READY), null)).toBe(false);
  });

  it('attaches only your own media of the right purpose, READY or PROCESSING', () => {
    expect(isAttachable(media(MediaPurpose.LISTING_PHOTO, MediaStatus.READY), owner, MediaPurpose.LISTING_PHOTO)).toBe(true);
    expect(isAttachable(media(MediaPurpose.LISTING_PHOTO, MediaStatus.PROCESSING), owner, MediaPurpose.LISTING_PHOTO)).toBe(true);
    expect(isAttachable(media(MediaPurpose.LISTING_PHOTO, MediaStatus.FAILED), owner, MediaPurpose.LISTING_PHOTO)).toBe(false);
    expect(isAttachable(media(MediaPurpose.LISTING_PHOTO, MediaStatus.PENDING_UPLOAD), owner, MediaPurpose.LISTING_PHOTO)).toBe(false);
    expect(isAttachable(media(MediaPurpose.AVATAR, MediaStatus.READY), owner, MediaPurpose.LISTING_PHOTO)).toBe(false);
    expect(isAttachable(media(MediaPurpose.LISTING_PHOTO, MediaStatus.READY), other, MediaPurpose.LISTING_PHOTO)).toBe(false);
  });

  it('accepts the image types and sizes it processes, naming the field otherwise', () => {
    expect(normalizeContentType(' Image/JPEG ')).toBe('image/jpeg');
    expect(() => normalizeContentType('image/svg+xml')).toThrow(/contentType must be one of/);
    expect(() => normalizeContentType('image/tiff')).toThrow(/contentType/);
    expect(checkByteSize(15, 100)).toBe(15);
    expect(() => checkByteSize(101, 100)).toThrow(/byteSize must be from 1 to 100/);
    expect(() => checkByteSize(0, 100)).toThrow(/byteSize/);
    expect(() => checkByteSize(1.5, 100)).toThrow(/byteSize/);
  });
});

describe('selectVariants', () => {
  const variants = [320, 640, 1280].flatMap((width) => ['WEBP', 'AVIF'].map((format) => ({ format, width })));
  const shown = (picked: { format: string; width: number }[]) => picked.map((variant) => `${variant.format} ${variant.width}`);

  it('gives every variant when nothing is asked, and only those at most maxWidth wide of the given formats', () => {
    expect(selectVariants(variants, {})).toHaveLength(6);
    expect(shown(selectVariants(variants, { maxWidth: 640 }))).toEqual(['WEBP 320', 'AVIF 320', 'WEBP 640', 'AVIF 640']);
    expect(shown(selectVariants(variants, { maxWidth: 700, formats: ['AVIF'] }))).toEqual(['AVIF 320', 'AVIF 640']);
  });

  it('falls back to the smallest when none is narrow enough, and refuses a nonsense width', () => {
    expect(shown(selectVariants(variants, { maxWidth: 100, formats: ['WEBP'] }))).toEqual(['WEBP 320']);
    expect(selectVariants(variants, { formats: ['JPEG'] })).toEqual([]);
    expect(() => selectVariants(variants, { maxWidth: 0 })).toThrow(/maxWidth/);
  });
});
