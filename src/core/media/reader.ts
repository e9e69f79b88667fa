// Random access to a video's bytes, so a 128 MB file is never loaded whole just to find its header boxes.

export interface ByteReader {
  /** Up to `length` bytes from `offset`; fewer only at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
  size: number;
}

export type ByteSource = Uint8Array | ByteReader;

export type FileKind = 'video' | 'image' | 'audio' | 'file';

/**
 * A container that cannot be used. `message` is a fragment the caller puts into a sentence naming the file:
 * for 'corrupt' and 'no-duration' it says why ("the file ends in the middle of …"); for 'unsupported' and
 * 'webm' it says what the file is ("an AVI video"), with `kind` telling what advice fits.
 */
export class MediaFormatError extends Error {
  constructor(
    readonly code: 'corrupt' | 'no-duration' | 'unsupported' | 'webm',
    message: string,
    readonly kind: FileKind = 'video',
  ) {
    super(message);
  }
}

export function toReader(source: ByteSource): ByteReader {
  if (source instanceof Uint8Array) {
    return { size: source.length, read: async (offset, length) => source.subarray(offset, offset + length) };
  }
  if (!Number.isSafeInteger(source.size) || source.size < 0) {
    throw new RangeError(`A byte reader's size must be a whole number of bytes, got ${source.size}`);
  }
  return source;
}

/** Reads exactly `length` bytes, or fails with a 'corrupt' error naming what was being read. */
export async function readExact(reader: ByteReader, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (offset + length > reader.size) throw truncated(what);
  const bytes = await reader.read(offset, length);
  if (bytes.length < length) throw truncated(what);
  return bytes.length === length ? bytes : bytes.subarray(0, length);
}

/** Reads up to `length` bytes (fewer near the end of the file). */
export async function readUpTo(reader: ByteReader, offset: number, length: number): Promise<Uint8Array> {
  const wanted = Math.max(0, Math.min(length, reader.size - offset));
  if (wanted === 0) return new Uint8Array(0);
  const bytes = await reader.read(offset, wanted);
  return bytes.length > wanted ? bytes.subarray(0, wanted) : bytes;
}

export function truncated(what: string): MediaFormatError {
  return new MediaFormatError(
    'corrupt',
    `the file ends in the middle of its ${what}, so it is incomplete (an interrupted recording, copy or download)`,
  );
}

export function ascii(b: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...b.subarray(offset, offset + length));
}

export function u32be(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

/** 64-bit big-endian as a number; beyond 2^53 it is only approximate, which is fine for sizes and durations. */
export function u64be(b: Uint8Array, o: number): number {
  return u32be(b, o) * 2 ** 32 + u32be(b, o + 4);
}
