import { randomBytes } from 'node:crypto';

export const testSecrets = {
  INTERNAL_SIGNING_SECRET: randomBytes(32).toString('hex'),
  IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
};
