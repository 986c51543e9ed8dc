import { RefreshToken } from './auth/refresh-token.entity.js';
import { Session } from './auth/session.entity.js';
import { SigningKey } from './keys/signing-key.entity.js';
import { User } from './user/user.entity.js';

export const entities = [User, Session, RefreshToken, SigningKey];
