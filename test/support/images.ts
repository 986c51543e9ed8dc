import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * A photo as phones take them: stored 4000 × 3000 (landscape) with EXIF orientation 6 (displayed
 * rotated a quarter turn, 3000 × 4000) and GPS tags — the case where a careless pipeline gets the
 * orientation wrong or leaks where the picture was taken.
 */
export async function phonePhoto(width = 4000, height = 3000): Promise<Buffer> {
  // A left half red and a right half blue, with grain (as photos have, so it compresses like one):
  // after the quarter turn the red is on top.
  const half = Math.floor(width / 2);
  const left = await sharp({ create: { width: half, height, channels: 3, background: { r: 220, g: 30, b: 30 } } }).png().toBuffer();
  const grain = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 0, sigma: 12 } } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 30, b: 200 } } })
    .composite([{ input: left, left: 0, top: 0 }, { input: grain, blend: 'add' }])
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'Lobby', Model: 'Test Phone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 4/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' },
    })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Whether a JPEG's EXIF holds a GPS directory (tag 0x8825 in IFD0). */
export function hasGpsTag(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A decompression bomb: a PNG whose header declares `size` × `size` pixels, a few hundred bytes on disk. */
export function pixelBombPng(size = 50_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const row = Buffer.alloc(size + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(row)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const svgImage = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="red"/></svg>');

/** A real JPEG cut off halfway: the header reads, the pixels do not. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
  return whole.subarray(0, Math.floor(whole.length / 2));
}

export function smallPng(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } }).png().toBuffer();
}
