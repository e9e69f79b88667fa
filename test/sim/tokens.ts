/**
 * The simulator's token arithmetic. A "token" is ~4 UTF-16 code units: crude, but the
 * same rule is used for chunking, cumulative stream usage and non-stream usage, so the
 * numbers a client sees always add up.
 */

export const CHARS_PER_TOKEN = 4;

export function countTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Small deterministic PRNG (mulberry32) so ranged chunk sizes repeat run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ChunkSize = number | [number, number];

/** Returns a function giving the token count of the next chunk. */
export function chunkSizer(size: ChunkSize | undefined, seed = 1): () => number {
  const spec = size ?? 3;
  if (typeof spec === 'number') {
    const n = Math.max(1, Math.floor(spec));
    return () => n;
  }
  const lo = Math.max(1, Math.floor(Math.min(spec[0], spec[1])));
  const hi = Math.max(lo, Math.floor(Math.max(spec[0], spec[1])));
  const rnd = seededRandom(seed);
  return () => lo + Math.floor(rnd() * (hi - lo + 1));
}

/**
 * Splits text lazily into pieces of `nextTokens() * 4` code units, never between the two
 * halves of a surrogate pair. Lazy so a 200,000-token reply costs nothing up front.
 */
export function* splitText(text: string, nextTokens: () => number): Generator<string> {
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + nextTokens() * CHARS_PER_TOKEN);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end += 1;
    yield text.slice(at, end);
    at = end;
  }
}
