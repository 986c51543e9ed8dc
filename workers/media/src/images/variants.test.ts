import { describe, expect, it } from 'vitest';
import { variantWidths } from './variants.js';

describe('variantWidths', () => {
  it('never upscales: the configured widths below the original, then the original when nothing reaches it', () => {
    expect(variantWidths(3000, [320, 640, 1280])).toEqual([320, 640, 1280]);
    expect(variantWidths(1000, [320, 640, 1280])).toEqual([320, 640, 1000]);
    expect(variantWidths(1280, [320, 640, 1280])).toEqual([320, 640, 1280]);
    expect(variantWidths(200, [320, 640, 1280])).toEqual([200]);
    expect(variantWidths(640, [1280, 320, 320])).toEqual([320, 640]);
  });
});
