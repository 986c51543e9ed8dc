import { hash, verify } from '@node-rs/argon2';
import { UserInputError } from '@lobby/platform';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id, a const enum that isolated modules cannot import.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Length-based rules (NIST SP 800-63B): no composition rules, which push people to weaker patterns. */
export function checkPasswordRules(password: string, email: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw new UserInputError(`Password must be at least ${PASSWORD_MIN_LENGTH} characters.`, 'password');
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new UserInputError(`Password must be at most ${PASSWORD_MAX_LENGTH} characters.`, 'password');
  }
  if (new Set(password).size < 4) {
    throw new UserInputError('Password must use at least 4 different characters.', 'password');
  }
  const localPart = email.split('@')[0] ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    throw new UserInputError('Password must not contain your email address.', 'password');
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/**
 * Verifying against this when no account matches makes a sign-in for an unknown email cost the
 * same time as one with a wrong password, so timing does not tell which it was.
 */
let decoyHash: Promise<string> | undefined;
export function verifyDecoy(password: string): Promise<boolean> {
  decoyHash ??= hashPassword('decoy-password-never-matches');
  return decoyHash.then((decoy) => verifyPassword(decoy, password)).then(() => false);
}
