import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, JsonType, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { MediaVariant } from '@lobby/contracts';
import { MediaPurpose, MediaStatus } from './media.status.js';

/** An uploaded image: its original in storage, then the compressed variants the worker made. */
@Entity({ tableName: 'media' })
@Index({ properties: ['ownerId', 'createdAt'] })
export class Media {
  [OptionalProps]?: 'id' | 'status' | 'failureReason' | 'detectedType' | 'width' | 'height' | 'variants' | 'createdAt' | 'updatedAt' | 'processedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** identity's user id: who uploaded it. */
  @Property({ type: 'uuid' })
  ownerId!: string;

  @Enum({ items: () => MediaPurpose, type: 'text' })
  purpose!: MediaPurpose;

  @Enum({ items: () => MediaStatus, type: 'text' })
  status: MediaStatus = MediaStatus.PENDING_UPLOAD;

  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  /** As the client declared it at createUpload. */
  @Property({ type: 'text' })
  contentType!: string;

  /** As the client declared it; the upload may be no larger. */
  @Property({ type: 'integer' })
  byteSize!: number;

  /** The real type, read from the uploaded bytes at completion (JPEG, PNG, WEBP, GIF, AVIF). */
  @Property({ type: 'text', nullable: true })
  detectedType: string | null = null;

  /** The upload route finds the media by it. */
  @Property({ type: 'text', unique: true })
  originalKey!: string;

  @Property({ type: 'timestamptz' })
  uploadExpiresAt!: Date;

  /** Of the image as displayed (after EXIF orientation); set when READY. */
  @Property({ type: 'integer', nullable: true })
  width: number | null = null;

  @Property({ type: 'integer', nullable: true })
  height: number | null = null;

  /** Set once, with READY: one set of variants, whatever the number of job runs. */
  @Property({ type: JsonType })
  variants: MediaVariant[] = [];

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  processedAt: Date | null = null;
}

/** Where an upload's original lives: one key per media, so a repeated PUT replaces it. */
export function originalKeyOf(mediaId: string): string {
  return `originals/${mediaId}`;
}
