import { describe, expect, it } from 'vitest';
import { checkPasswordRules } from './password.js';

describe('password rules', () => {
  it.each([
    ['correct horse battery', 'ana@example.com'],
    ['ä'.repeat(6) + 'bcd1', 'a@example.com'],
  ])('accepts %s', (password, email) => {
    expect(() => checkPasswordRules(password, email)).not.toThrow();
  });

  it.each([
    ['too short', 'abc123xyz', /at least 10/],
    ['too long', 'abcd'.repeat(33), /at most 128/],
    ['too uniform', 'abababababab', /4 different/],
    ['contains the email name', 'my-anastasia-password', /email/],
  ])('refuses a password that is %s', (_name, password, message) => {
    expect(() => checkPasswordRules(password, 'anastasia@example.com')).toThrow(message);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(() => checkPasswordRules('😀😀😀😀😀abcd', 'x@example.com')).toThrow(/at least 10/);
  });
});
