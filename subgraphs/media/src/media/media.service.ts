import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ObjectStorage, UploadHeader } from '@lobby/object-storage';
import { NotFoundError, ServiceUnavailableError, UserInputError } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { refusalOf, sniffImageType, SNIFF_LENGTH } from '../upload/image-type.js';
import { requireUser, type Viewer } from '../viewer.js';
import type { DownloadUrls } from './download-urls.js';
import { Media, originalKeyOf } from './media.entity.js';
import type { MediaRecord } from './media.loader.js';
import type { MediaJobs } from './media.queue.js';
import { checkByteSize, normalizeContentType } from './media.rules.js';
import { type MediaPurpose, MediaStatus } from './media.status.js';

export interface MediaSettings {
  maxUploadBytes: number;
  uploadUrlTtlSeconds: number;
}

export interface NewUpload {
  media: Media;
  uploadUrl: string;
  uploadHeaders: UploadHeader[];
  expiresAt: Date;
}

export class MediaService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly visible: DataLoader<string, MediaRecord | null>,
    private readonly storage: ObjectStorage,
    private readonly jobs: MediaJobs,
    private readonly settings: MediaSettings,
    private readonly downloadUrls: DownloadUrls,
  ) {}

  /** A media the viewer may see; NOT_FOUND otherwise. */
  async find(mediaId: string): Promise<MediaRecord> {
    const media = await this.visible.load(mediaId);
    if (!media) throw new NotFoundError('Media');
    return media;
  }

  /** A PENDING_UPLOAD media and where to PUT its bytes (never through the router). */
  async createUpload(input: { purpose: MediaPurpose; contentType: string; byteSize: number }): Promise<NewUpload> {
    const ownerId = requireUser(this.viewer);
    const contentType = normalizeContentType(input.contentType);
    const byteSize = checkByteSize(input.byteSize, this.settings.maxUploadBytes);
    const expiresAt = new Date(Date.now() + this.settings.uploadUrlTtlSeconds * 1000);
    const id = randomUUID();
    const media = this.em.create(Media, { id, ownerId, purpose: input.purpose, contentType, byteSize, originalKey: originalKeyOf(id), uploadExpiresAt: expiresAt });
    await this.em.flush();
    const target = await this.storage.uploadTarget(media.originalKey, { contentType, byteSize, expiresAt });
    return { media, uploadUrl: target.url, uploadHeaders: target.headers, expiresAt };
  }

  /**
   * The client says the bytes are stored: check them (present, within the limit, an accepted
   * image by its bytes), move the media to PROCESSING and make sure its job is queued, then answer
   * at once — compression happens in the worker. Idempotent: completing a media that is already
   * PROCESSING, READY or FAILED returns it as it is (re-queueing a PROCESSING one if needed).
   */
  async completeUpload(mediaId: string): Promise<Media> {
    const ownerId = requireUser(this.viewer);
    let media = await this.em.findOne(Media, { id: mediaId });
    if (!media || media.ownerId !== ownerId) throw new NotFoundError('Media');
    if (media.status === MediaStatus.PENDING_UPLOAD) {
      const detectedType = await this.checkStoredOriginal(media);
      // Conditional: of two concurrent completions, one moves the media; both then queue the same job id.
      await this.em.nativeUpdate(Media, { id: media.id, status: MediaStatus.PENDING_UPLOAD }, { status: MediaStatus.PROCESSING, detectedType, updatedAt: new Date() });
      media = await this.em.findOneOrFail(Media, { id: mediaId }, { refresh: true });
    }
    if (media.status === MediaStatus.PROCESSING) {
      try {
        await this.jobs.ensureJob(media.id, media.originalKey);
      } catch (error) {
        throw new ServiceUnavailableError('The image could not be queued for processing; call completeUpload again shortly.', error);
      }
    }
    return media;
  }

  /** A signed, expiring URL for one of the media's stored objects. */
  downloadUrl(key: string): Promise<string> {
    return this.downloadUrls(key);
  }

  private async checkStoredOriginal(media: Media): Promise<string> {
    const stored = await this.storage.stat(media.originalKey);
    if (!stored) {
      const expired = media.uploadExpiresAt.getTime() < Date.now();
      throw new UserInputError(expired ? 'The upload URL expired before anything was uploaded; create a new upload.' : 'Nothing has been uploaded for this media yet.', 'mediaId');
    }
    if (stored.byteSize > media.byteSize || stored.byteSize > this.settings.maxUploadBytes) {
      await this.storage.delete([media.originalKey]);
      throw new UserInputError(`The upload is ${stored.byteSize} bytes, more than the ${media.byteSize} declared; upload it again.`, 'mediaId');
    }
    const type = sniffImageType(await this.storage.readStart(media.originalKey, SNIFF_LENGTH));
    const refusal = refusalOf(type);
    if (refusal) {
      await this.storage.delete([media.originalKey]);
      throw new UserInputError(refusal, 'mediaId');
    }
    return type!;
  }
}
