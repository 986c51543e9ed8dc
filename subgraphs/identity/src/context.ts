import type { EntityManager } from '@mikro-orm/core';
import type { CallerContext } from '@lobby/platform';
import type DataLoader from 'dataloader';
import type { AuthService } from './auth/auth.service.js';
import type { UserRecord } from './user/user.loader.js';

export interface Viewer {
  userId: string | null;
}

/** What every identity resolver sees: built fresh for each request (own EntityManager fork and loaders). */
export interface IdentityContext {
  caller: CallerContext;
  /** Whom this response is for: the caller, or the user a sign-up, sign-in or refresh just authenticated. */
  viewer: Viewer;
  em: EntityManager;
  auth: AuthService;
  loaders: { userById: DataLoader<string, UserRecord | null> };
}
