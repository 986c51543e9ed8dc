import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { hardenSharp } from './sharp-hardening.js';
import { InvalidImageError, renderVariants, variantWidths } from './variants.js';

const settings = { widths: [320, 640, 1280], formats: ['webp', 'avif'] as const, maxPixels: 40_000_000 };
const solid = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } });

beforeAll(() => hardenSharp(1));

describe('variantWidths', () => {
  it('never upscales: the configured widths below the original, then the original when nothing reaches it', () => {
    expect(variantWidths(3000, [320, 640, 1280])).toEqual([320, 640, 1280]);
    expect(variantWidths(1000, [320, 640, 1280])).toEqual([320, 640, 1000]);
    expect(variantWidths(1280, [320, 640, 1280])).toEqual([320, 640, 1280]);
    expect(variantWidths(200, [320, 640, 1280])).toEqual([200]);
    expect(variantWidths(640, [1280, 320, 320])).toEqual([320, 640]);
  });
});

describe('renderVariants', () => {
  it('makes every width in every format from an AVIF, keeping the aspect ratio', async () => {
    const image = await renderVariants(await solid(1600, 1200, '#3a7').avif().toBuffer(), { ...settings, formats: [...settings.formats] });
    expect([image.width, image.height]).toEqual([1600, 1200]);
    expect(image.variants.map((variant) => `${variant.format} ${variant.width}×${variant.height}`)).toEqual([
      'WEBP 320×240', 'AVIF 320×240', 'WEBP 640×480', 'AVIF 640×480', 'WEBP 1280×960', 'AVIF 1280×960',
    ]);
  });

  it('takes the first frame of an animated GIF', async () => {
    const frames = Buffer.concat([await solid(40, 30, '#ff0000').raw().toBuffer(), await solid(40, 30, '#0000ff').raw().toBuffer()]);
    const gif = await sharp(frames, { raw: { width: 40, height: 60, channels: 3, pageHeight: 30 } }).gif().toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const image = await renderVariants(gif, { ...settings, formats: ['webp'] });
    expect([image.width, image.height]).toEqual([40, 30]);
    const { data } = await sharp(image.variants[0]!.body).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[2]).toBeLessThan(60);
  });

  it('refuses TIFF and SVG (their loaders are blocked), whatever else they are', async () => {
    const tiff = await solid(10, 10, '#fff').tiff().toBuffer();
    await expect(renderVariants(tiff, { ...settings, formats: ['webp'] })).rejects.toThrow(InvalidImageError);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(renderVariants(svg, { ...settings, formats: ['webp'] })).rejects.toThrow(/not a readable image/);
  });

  it('flattens transparency onto white for JPEG variants only', async () => {
    const png = await sharp({ create: { width: 400, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const image = await renderVariants(png, { ...settings, formats: ['jpeg', 'webp'] });
    const [jpeg, webp] = image.variants;
    expect((await sharp(jpeg!.body).stats()).channels[0]!.mean).toBeGreaterThan(250);
    expect((await sharp(webp!.body).metadata()).hasAlpha).toBe(true);
  });
});
