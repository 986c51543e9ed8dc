import { describe, expect, it } from 'vitest';
import { normalizeDisplayName, normalizeEmail } from './user.rules.js';

describe('normalizeEmail', () => {
  it('trims, lower-cases and folds compatibility characters', () => {
    expect(normalizeEmail('  Ana.Silva@Example.COM ')).toBe('ana.silva@example.com');
    expect(normalizeEmail('ａｎａ@example.com')).toBe('ana@example.com');
  });

  it.each(['', 'ana', 'ana@', '@example.com', 'ana@example', 'a na@example.com', `${'a'.repeat(250)}@example.com`])('refuses %j', (email) => {
    expect(() => normalizeEmail(email)).toThrow(/valid email/);
  });
});

describe('normalizeDisplayName', () => {
  it('collapses inner whitespace and trims', () => {
    expect(normalizeDisplayName('  Ana   Silva ')).toBe('Ana Silva');
  });

  it.each([['', /empty/], ['x'.repeat(51), /at most 50/], ['Ana\u202eSilva', /invisible/]])('refuses %j', (name, message) => {
    expect(() => normalizeDisplayName(name)).toThrow(message);
  });
});
