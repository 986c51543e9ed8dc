import type { EntityManager } from '@mikro-orm/core';
import type { CallerContext } from '@lobby/platform';
import type DataLoader from 'dataloader';
import type { AuthService } from './auth/auth.service.js';
import type { User } from './user/user.entity.js';

/** What every identity resolver sees: built fresh for each request (own EntityManager fork and loaders). */
export interface IdentityContext {
  caller: CallerContext;
  em: EntityManager;
  auth: AuthService;
  loaders: { userById: DataLoader<string, User | null> };
}
