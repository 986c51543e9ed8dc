import { UserInputError } from '@lobby/platform';

export const EMAIL_MAX_LENGTH = 254;
export const DISPLAY_NAME_MAX_LENGTH = 50;

// Deliberately loose: one @, something on each side, a dot in the domain, no spaces.
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One spelling per mailbox, so `Ana@X.com ` and `ana@x.com` are the same account. */
export function normalizeEmail(raw: string): string {
  const email = raw.normalize('NFKC').trim().toLowerCase();
  if (email.length > EMAIL_MAX_LENGTH || !emailShape.test(email)) {
    throw new UserInputError('Enter a valid email address.', 'email');
  }
  return email;
}

export function normalizeDisplayName(raw: string): string {
  const name = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw new UserInputError('Display name must not be empty.', 'displayName');
  if ([...name].length > DISPLAY_NAME_MAX_LENGTH) {
    throw new UserInputError(`Display name must be at most ${DISPLAY_NAME_MAX_LENGTH} characters.`, 'displayName');
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/.test(name)) {
    throw new UserInputError('Display name contains invisible or control characters.', 'displayName');
  }
  return name;
}
