import type { ImageFormat } from '@lobby/contracts';
import sharp, { type Sharp } from 'sharp';

/** Input the worker refuses for good: retrying cannot help, the reason is for the owner. */
export class InvalidImageError extends Error {
  override name = 'InvalidImageError';
}

export type OutputFormat = 'webp' | 'avif' | 'jpeg';

export interface VariantSettings {
  widths: readonly number[];
  formats: readonly OutputFormat[];
  maxPixels: number;
}

export interface RenderedVariant {
  format: ImageFormat;
  extension: string;
  width: number;
  height: number;
  body: Buffer;
}

export interface RenderedImage {
  /** As displayed, after EXIF orientation. */
  width: number;
  height: number;
  variants: RenderedVariant[];
}

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);

// Quality and effort: visually fine for photos at these sizes, effort kept low because AVIF's
// encoder dominates the cost of a job.
const encoders: Record<OutputFormat, { format: ImageFormat; extension: string; encode: (image: Sharp) => Sharp }> = {
  webp: { format: 'WEBP', extension: 'webp', encode: (image) => image.webp({ quality: 80, effort: 4 }) },
  avif: { format: 'AVIF', extension: 'avif', encode: (image) => image.avif({ quality: 50, effort: 2 }) },
  jpeg: { format: 'JPEG', extension: 'jpg', encode: (image) => image.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true }) },
};

/** The widths to make for an image `width` pixels wide: the configured ones below it, and its own width if none reaches it. */
export function variantWidths(width: number, configured: readonly number[]): number[] {
  const below = [...new Set(configured)].filter((target) => target < width).sort((a, b) => a - b);
  const largest = Math.max(...configured);
  return largest >= width ? [...below, width] : below;
}

const decodeOptions = (maxPixels: number) => ({ limitInputPixels: maxPixels, failOn: 'error' as const, sequentialRead: true });

/**
 * Turns an untrusted image into its variants: the header is read first (format, dimensions and
 * the pixel limit checked before anything is decoded), then the image is decoded once — shrunk
 * on load to the largest variant, oriented from EXIF — and every width and format is made from
 * that. Output carries no metadata at all (sharp writes none unless asked), so EXIF and GPS are
 * gone. Anything wrong with the input is an InvalidImageError with a reason for the owner.
 */
export async function renderVariants(input: Buffer, settings: VariantSettings): Promise<RenderedImage> {
  const metadata = await sharp(input, { limitInputPixels: false }).metadata().catch((error: Error) => {
    throw new InvalidImageError(`The file is not a readable image (${error.message}).`);
  });
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format) || (metadata.format === 'heif' && metadata.compression !== 'av1')) {
    throw new InvalidImageError(`The file is not an accepted image (${metadata.format ?? 'unknown'}${metadata.compression ? `/${metadata.compression}` : ''}).`);
  }
  const storedWidth = metadata.width ?? 0;
  const storedHeight = metadata.height ?? 0;
  if (storedWidth * storedHeight > settings.maxPixels) {
    throw new InvalidImageError(
      `The image is ${storedWidth} × ${storedHeight} pixels (${megapixels(storedWidth * storedHeight)} MP); the limit is ${megapixels(settings.maxPixels)} MP.`,
    );
  }
  // EXIF orientations 5–8 turn the image a quarter: it is displayed with width and height swapped.
  const quarterTurn = (metadata.orientation ?? 1) >= 5;
  const width = quarterTurn ? storedHeight : storedWidth;
  const height = quarterTurn ? storedWidth : storedHeight;
  const widths = variantWidths(width, settings.widths);

  try {
    const base = await sharp(input, decodeOptions(settings.maxPixels))
      .autoOrient()
      .resize({ width: widths.at(-1), withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: base.info.width, height: base.info.height, channels: base.info.channels };
    const perWidth = await Promise.all(
      widths.map(async (target) => {
        const resized = target === raw.width ? { data: base.data, info: raw } : await sharp(base.data, { raw }).resize({ width: target }).raw().toBuffer({ resolveWithObject: true });
        const info = { width: resized.info.width, height: resized.info.height, channels: resized.info.channels };
        return Promise.all(
          settings.formats.map(async (name) => {
            const encoder = encoders[name];
            const body = await encoder.encode(sharp(resized.data, { raw: info })).toBuffer();
            return { format: encoder.format, extension: encoder.extension, width: info.width, height: info.height, body };
          }),
        );
      }),
    );
    return { width, height, variants: perWidth.flat() };
  } catch (error) {
    throw new InvalidImageError(`The image could not be decoded (${(error as Error).message}).`);
  }
}

function megapixels(pixels: number): string {
  return (pixels / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 });
}
