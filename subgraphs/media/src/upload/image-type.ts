/** What the first bytes of a file say it is, whatever its name or declared type. */
export type SniffedType = 'JPEG' | 'PNG' | 'WEBP' | 'GIF' | 'AVIF' | 'HEIC' | 'SVG' | 'TIFF' | 'PDF' | 'BMP';

/** The types Lobby turns into variants. HEIC coded with HEVC is not among them: the bundled libvips cannot decode HEVC. */
export const ACCEPTED_TYPES: readonly SniffedType[] = ['JPEG', 'PNG', 'WEBP', 'GIF', 'AVIF'];

/** Enough bytes to tell every type below apart (an ISO-BMFF `ftyp` box lists its brands early). */
export const SNIFF_LENGTH = 64;

const startsWith = (bytes: Buffer, signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1');

export function sniffImageType(bytes: Buffer): SniffedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'WEBP';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'GIF';
  if (ascii(bytes, 4, 8) === 'ftyp') return heifFamily(bytes);
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'PDF';
  if (ascii(bytes, 0, 2) === 'BM') return 'BMP';
  if (/^(\uFEFF)?\s*(<\?xml|<svg|<!DOCTYPE svg)/i.test(bytes.toString('utf8'))) return 'SVG';
  return null;
}

/** An ISO-BMFF file: AVIF when its brands name AVIF, HEIC when they name HEVC, else unknown. */
function heifFamily(bytes: Buffer): SniffedType | null {
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length);
  const brands: string[] = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return 'AVIF';
  if (brands.some((brand) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'].includes(brand))) return 'HEIC';
  return null;
}

/** Why an upload of this type is refused, in words for its owner. */
export function refusalOf(type: SniffedType | null): string | null {
  if (type && ACCEPTED_TYPES.includes(type)) return null;
  if (type === 'HEIC') return 'HEIC photos coded with HEVC cannot be processed; send JPEG, PNG, WebP, AVIF or GIF.';
  return `The file is not an accepted image (${type ?? 'unknown type'}); send JPEG, PNG, WebP, AVIF or GIF.`;
}
