import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { ConflictError, UnauthenticatedError } from '@lobby/platform';
import type { CallerContext } from '@lobby/platform';
import { issueAccessToken, type AccessTokenSettings } from '../keys/access-token.js';
import type { Viewer } from '../context.js';
import type { KeyRing } from '../keys/key-ring.js';
import { User } from '../user/user.entity.js';
import { normalizeDisplayName, normalizeEmail } from '../user/user.rules.js';
import { checkPasswordRules, hashPassword, verifyDecoy, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';
import { generateRefreshToken, hashRefreshToken } from './refresh-token.js';
import { Session } from './session.entity.js';
import type { SignInLimiter } from './sign-in-limiter.js';

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: User;
}

export interface AuthSettings extends AccessTokenSettings {
  refreshTokenTtlDays: number;
}

// One message for every sign-in failure, so the answer never tells whether the email exists.
const BAD_CREDENTIALS = 'Email or password is incorrect.';
const BAD_REFRESH_TOKEN = 'Refresh token is invalid or expired. Sign in again.';

export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly caller: CallerContext,
    private readonly viewer: Viewer,
    private readonly keys: KeyRing,
    private readonly limiter: SignInLimiter,
    private readonly settings: AuthSettings,
  ) {}

  async signUp(input: { email: string; password: string; displayName: string }): Promise<AuthResult> {
    const email = normalizeEmail(input.email);
    const displayName = normalizeDisplayName(input.displayName);
    checkPasswordRules(input.password, email);
    if (await this.em.count(User, { email })) throw new ConflictError('An account with this email already exists.');
    const user = this.em.create(User, { email, displayName, passwordHash: await hashPassword(input.password) });
    try {
      return await this.startSession(user);
    } catch (error) {
      // Two sign-ups for one email at the same instant: the unique index decides.
      if (error instanceof UniqueConstraintViolationException) throw new ConflictError('An account with this email already exists.');
      throw error;
    }
  }

  async signIn(input: { email: string; password: string }): Promise<AuthResult> {
    let email: string;
    try {
      email = normalizeEmail(input.email);
    } catch {
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.limiter.admit(this.caller.clientIp, email);
    const user = await this.em.findOne(User, { email }, { populate: ['passwordHash'] });
    const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDecoy(input.password);
    if (!user || !valid) {
      await this.limiter.recordFailure(email);
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.limiter.recordSuccess(email);
    return this.startSession(user);
  }

  /**
   * Exchanges a refresh token for a new pair. A token is good once: presenting a used one means
   * it was copied, so the whole session (every token descended from that sign-in) is revoked.
   */
  async refresh(presented: string): Promise<AuthResult> {
    const outcome = await this.em.transactional(async (tx) => {
      const token = await tx.findOne(RefreshToken, { tokenHash: hashRefreshToken(presented) }, { populate: ['session.user'] });
      if (!token || token.session.revokedAt || token.expiresAt.getTime() <= Date.now()) return null;
      // The conditional update is the single winner among concurrent exchanges of one token.
      const claimed = token.usedAt ? 0 : await tx.nativeUpdate(RefreshToken, { id: token.id, usedAt: null }, { usedAt: new Date() });
      if (claimed === 0) {
        await tx.nativeUpdate(Session, { id: token.session.id }, { revokedAt: new Date(), revokedReason: 'refresh token reused' });
        return 'reused' as const;
      }
      return this.continueSession(tx, token.session);
    });
    if (outcome === null || outcome === 'reused') throw new UnauthenticatedError(BAD_REFRESH_TOKEN);
    return outcome;
  }

  /** Ends the session the token belongs to. True if a session was ended by this call or before. */
  async signOut(presented: string): Promise<boolean> {
    const token = await this.em.findOne(RefreshToken, { tokenHash: hashRefreshToken(presented) });
    if (!token) return false;
    await this.em.nativeUpdate(Session, { id: token.session.id, revokedAt: null }, { revokedAt: new Date(), revokedReason: 'signed out' });
    return true;
  }

  private async startSession(user: User): Promise<AuthResult> {
    return this.em.transactional(async (tx) => {
      tx.persist(user);
      const session = tx.create(Session, { user });
      return this.continueSession(tx, session);
    });
  }

  private async continueSession(em: EntityManager, session: Session): Promise<AuthResult> {
    const { token, tokenHash } = generateRefreshToken();
    em.create(RefreshToken, {
      session,
      tokenHash,
      expiresAt: new Date(Date.now() + this.settings.refreshTokenTtlDays * 86_400_000),
    });
    await em.flush();
    const access = await issueAccessToken(this.keys, this.settings, { userId: session.user.id, sessionId: session.id, roles: session.user.roles });
    this.viewer.userId = session.user.id;
    return { accessToken: access.token, refreshToken: token, expiresAt: access.expiresAt, user: session.user };
  }
}
