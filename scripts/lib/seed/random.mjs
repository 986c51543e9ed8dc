import { createHash } from 'node:crypto';

/**
 * Deterministic randomness for the seed: the same seed and sizes give the same data on every
 * machine. Each part of the data draws from a stream of its own, so adding listings does not
 * change the users.
 */
export function createRandom(seed, stream) {
  // mulberry32, seeded from a hash of (seed, stream).
  let state = createHash('sha256').update(`${seed}:${stream}`).digest().readUInt32LE(0);
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** [0, 1) */
    next,
    /** An integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
    /** An item by weight: `[[item, weight], …]`. */
    weighted(entries) {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of entries) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return entries.at(-1)[0];
    },
  };
}

/** A UUID (version 5 layout) derived from (seed, kind, n): stable, so seeded rows keep their ids. */
export function seedUuid(seed, kind, n) {
  const bytes = createHash('sha256').update(`lobby-seed:${seed}:${kind}:${n}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
