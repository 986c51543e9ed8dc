import type { EntityManager } from '@mikro-orm/postgresql';
import { UserInputError } from '@lobby/platform';
import { Media } from '../media/media.entity.js';
import { isAttachable } from '../media/media.rules.js';
import { MediaPurpose } from '../media/media.status.js';
import { requireUser, type Viewer } from '../viewer.js';
import { Avatar } from './avatar.entity.js';

export class AvatarService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** Sets (or, with null, clears) the caller's avatar: their own AVATAR media, READY or PROCESSING. */
  async set(mediaId: string | null): Promise<Media | null> {
    const userId = requireUser(this.viewer);
    if (mediaId === null) {
      await this.em.nativeDelete(Avatar, { userId });
      return null;
    }
    const media = await this.em.findOne(Media, { id: mediaId });
    if (!media || !isAttachable(media, userId, MediaPurpose.AVATAR)) {
      throw new UserInputError('mediaId must be one of your AVATAR uploads, READY or PROCESSING.', 'mediaId');
    }
    await this.em.upsert(Avatar, { userId, mediaId: media.id, updatedAt: new Date() });
    return media;
  }
}
