import { UserInputError } from '@lobby/platform';
import { MediaPurpose, MediaStatus } from './media.status.js';

/** Declared types an upload may start with; the bytes are checked again at upload and completion. */
export const ACCEPTED_CONTENT_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif', 'image/gif'];

export function normalizeContentType(raw: string): string {
  const contentType = raw.trim().toLowerCase();
  if (!ACCEPTED_CONTENT_TYPES.includes(contentType)) {
    throw new UserInputError(`contentType must be one of ${ACCEPTED_CONTENT_TYPES.join(', ')}.`, 'contentType');
  }
  return contentType;
}

export function checkByteSize(byteSize: number, maxBytes: number): number {
  if (!Number.isInteger(byteSize) || byteSize < 1 || byteSize > maxBytes) {
    throw new UserInputError(`byteSize must be from 1 to ${maxBytes} bytes.`, 'byteSize');
  }
  return byteSize;
}

export interface VisibilityFacts {
  ownerId: string;
  purpose: MediaPurpose;
  status: MediaStatus;
}

/**
 * Who may read a media (docs/adr/0009-media.md): its owner, always. A listing photo or an avatar,
 * once uploaded, anyone who holds its id — an unguessable id reached only through a listing or a
 * user the reader may see (anonymous readers included, as PUBLIC listings have them). A chat
 * attachment, only its owner. Everything else is NOT_FOUND, exactly like an unknown id.
 */
export function canSee(media: VisibilityFacts, viewerId: string | null): boolean {
  if (viewerId !== null && media.ownerId === viewerId) return true;
  if (media.purpose === MediaPurpose.CHAT_ATTACHMENT) return false;
  return media.status !== MediaStatus.PENDING_UPLOAD;
}

/** What may be attached (to a listing, as an avatar): the caller's own media of that purpose, READY or on its way. */
export function isAttachable(media: VisibilityFacts, viewerId: string, purpose: MediaPurpose): boolean {
  return media.ownerId === viewerId && media.purpose === purpose && (media.status === MediaStatus.READY || media.status === MediaStatus.PROCESSING);
}

const MAX_REQUESTED_WIDTH = 10_000;

/**
 * The variants a client asked for: at most `maxWidth` wide (or, if none is that small, the
 * smallest there is, so a thumbnail request never comes back empty) and of the given `formats`.
 * A feed card asks for a thumbnail, not for every size of every photo.
 */
export function selectVariants<V extends { width: number; format: string }>(variants: readonly V[], wanted: { maxWidth?: number | null; formats?: readonly string[] | null }): V[] {
  const { maxWidth, formats } = wanted;
  if (maxWidth != null && (!Number.isInteger(maxWidth) || maxWidth < 1 || maxWidth > MAX_REQUESTED_WIDTH)) {
    throw new UserInputError(`maxWidth must be from 1 to ${MAX_REQUESTED_WIDTH}.`, 'maxWidth');
  }
  const ofFormat = formats ? variants.filter((variant) => formats.includes(variant.format)) : [...variants];
  if (maxWidth == null) return ofFormat;
  const narrow = ofFormat.filter((variant) => variant.width <= maxWidth);
  if (narrow.length > 0 || ofFormat.length === 0) return narrow;
  const smallest = Math.min(...ofFormat.map((variant) => variant.width));
  return ofFormat.filter((variant) => variant.width === smallest);
}
