import { describe, expect, it } from 'vitest';
import { preview } from './domain-events.js';

describe('message preview', () => {
  it('keeps a short body whole and cuts a long one to 140 UTF-16 units with an ellipsis', () => {
    expect(preview('hello')).toBe('hello');
    const cut = preview('a'.repeat(500));
    expect(cut).toHaveLength(140);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const cut = preview('😀'.repeat(100));
    expect(cut.length).toBeLessThanOrEqual(140);
    expect(cut).toBe(`${'😀'.repeat(69)}…`);
  });
});
