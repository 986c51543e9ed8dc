import { describe, expect, it } from 'vitest';
import { refusalOf, sniffImageType } from './image-type.js';

const ftyp = (major: string, ...compatible: string[]) => {
  const brands = [major, '\0\0\0\0', ...compatible].join('');
  const box = Buffer.alloc(8 + brands.length);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brands, 8, 'latin1');
  return box;
};

describe('sniffImageType', () => {
  it.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0])],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['WEBP', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1')],
    ['GIF', Buffer.from('GIF89a\x01\x00', 'latin1')],
    ['AVIF', ftyp('avif', 'mif1', 'miaf')],
    ['AVIF', ftyp('mif1', 'avif')],
    ['HEIC', ftyp('heic', 'mif1')],
    ['SVG', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['SVG', Buffer.from('  <svg width="10"></svg>')],
    ['TIFF', Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0])],
    ['PDF', Buffer.from('%PDF-1.7\n')],
  ])('tells %s from its first bytes', (type, bytes) => {
    expect(sniffImageType(bytes)).toBe(type);
  });

  it('knows nothing of plain text or too few bytes', () => {
    expect(sniffImageType(Buffer.from('hello world'))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });

  it('refuses what it cannot turn into variants, saying what it found', () => {
    expect(refusalOf('JPEG')).toBeNull();
    expect(refusalOf('SVG')).toMatch(/not an accepted image \(SVG\)/);
    expect(refusalOf(null)).toMatch(/unknown type/);
    expect(refusalOf('HEIC')).toMatch(/HEVC/);
  });
});
