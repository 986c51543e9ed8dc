import sharp from 'sharp';

/**
 * libvips loaders for the formats Lobby accepts, and no others: SVG (scripts, external entities),
 * PDF, TIFF and the rest stay blocked for this process, whatever the bytes claim to be.
 */
const ACCEPTED_LOADERS = ['VipsForeignLoadJpeg', 'VipsForeignLoadPng', 'VipsForeignLoadWebp', 'VipsForeignLoadNsgif', 'VipsForeignLoadHeif'];

/**
 * Sets sharp up for untrusted input, once per process: every loader blocked but the accepted
 * formats, no operation cache (each image is seen once, and the cache would only hold memory),
 * and the libvips thread count (0 keeps its default, one per core).
 */
export function hardenSharp(threads: number): void {
  sharp.block({ operation: ['VipsForeignLoad'] });
  sharp.unblock({ operation: ACCEPTED_LOADERS });
  sharp.cache(false);
  if (threads > 0) sharp.concurrency(threads);
}
