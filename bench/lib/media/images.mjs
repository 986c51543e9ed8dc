// The media scenario's images: phone photos as the media tests make them (4000 × 3000 JPEG,
// EXIF orientation 6, GPS), a few distinct ones, written once into the run's work directory.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

export async function writePhotos(workDir, count) {
  const half = await sharp({ create: { width: 2000, height: 3000, channels: 3, background: { r: 220, g: 30, b: 30 } } }).png().toBuffer();
  const grain = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 0, sigma: 12 } } }).png().toBuffer();
  const base = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 30, g: 30, b: 200 } } })
    .composite([{ input: half, left: 0, top: 0 }, { input: grain, blend: 'add' }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  const paths = [];
  for (let i = 0; i < count; i += 1) {
    const path = join(workDir, `media-photo-${i}.jpg`);
    const photo = await sharp(base.data, { raw: base.info })
      .modulate({ hue: i * 47, brightness: 1 - i * 0.05 })
      .withMetadata({ orientation: 6 })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 4/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' } })
      .jpeg({ quality: 85 })
      .toBuffer();
    await writeFile(path, photo);
    paths.push(path);
  }
  return paths;
}
