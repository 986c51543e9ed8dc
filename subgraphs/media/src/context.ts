import type { EntityManager } from '@mikro-orm/postgresql';
import type { ObjectStorage } from '@lobby/object-storage';
import type { CallerContext } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { createAvatarIdLoader } from './avatar/avatar.loader.js';
import { AvatarService } from './avatar/avatar.service.js';
import type { DownloadUrls } from './media/download-urls.js';
import { createVisibleMediaLoader, type MediaRecord } from './media/media.loader.js';
import type { MediaJobs } from './media/media.queue.js';
import { MediaService, type MediaSettings } from './media/media.service.js';
import type { Viewer } from './viewer.js';

export interface MediaLoaders {
  /** Only media the viewer may see. */
  mediaById: DataLoader<string, MediaRecord | null>;
  avatarIdByUser: DataLoader<string, string | null>;
}

/** What outlives a request: the app builds it once. */
export interface MediaDependencies {
  storage: ObjectStorage;
  jobs: MediaJobs;
  settings: MediaSettings;
  /** Process-wide, so that readers within one second share each signed URL. */
  downloadUrls: DownloadUrls;
}

/** What every media resolver sees: built fresh for each request (own EntityManager fork and loaders). */
export interface MediaContext {
  caller: CallerContext;
  viewer: Viewer;
  media: MediaService;
  avatars: AvatarService;
  loaders: MediaLoaders;
}

export function createMediaContext(caller: CallerContext, em: EntityManager, dependencies: MediaDependencies): MediaContext {
  const viewer: Viewer = { userId: caller.userId };
  const loaders: MediaLoaders = { mediaById: createVisibleMediaLoader(em, viewer), avatarIdByUser: createAvatarIdLoader(em) };
  return {
    caller,
    viewer,
    media: new MediaService(em, viewer, loaders.mediaById, dependencies.storage, dependencies.jobs, dependencies.settings, dependencies.downloadUrls),
    avatars: new AvatarService(em, viewer),
    loaders,
  };
}
