import { describe, expect, it } from 'vitest';
import { KeyEncryption } from './key-encryption.js';

const secret = 'k'.repeat(40);

describe('KeyEncryption', () => {
  it('opens what it sealed, and the sealed text does not contain the plaintext', () => {
    const box = new KeyEncryption(secret);
    const sealed = box.seal('{"d":"private"}', 'kid-1');
    expect(sealed).not.toContain('private');
    expect(box.open(sealed, 'kid-1')).toBe('{"d":"private"}');
  });

  it('refuses a sealed key moved to another kid, a tampered one, and another secret', () => {
    const box = new KeyEncryption(secret);
    const sealed = box.seal('{"d":"private"}', 'kid-1');
    expect(() => box.open(sealed, 'kid-2')).toThrow();
    const [version, iv, tag, ciphertext] = sealed.split('.');
    const flipped = Buffer.from(ciphertext!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'), 'kid-1')).toThrow();
    expect(() => new KeyEncryption('z'.repeat(40)).open(sealed, 'kid-1')).toThrow();
  });
});
