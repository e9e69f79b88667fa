// Loading the committed sample files and building synthetic containers byte by byte for the media tests.
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import type { ByteReader } from '../../../src/core/media/video';

// Compiled to out/test/unit/media, the fixtures stay in the source tree.
const FIXTURES = resolve(__dirname, '../../../../test/fixtures/media');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

export const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
export const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
export const u64 = (n: number): number[] => [...u32(Math.floor(n / 2 ** 32)), ...u32(n >>> 0)];

/** An ISO BMFF box with a 32-bit size. */
export function box(type: string, ...payload: (Uint8Array | number[])[]): Uint8Array {
  const body = concat(...payload);
  return concat(u32(8 + body.length), ascii(type), body);
}

export function ftyp(major: string, ...compatible: string[]): Uint8Array {
  return box('ftyp', ascii(major), u32(0), ...compatible.map(ascii));
}

export function mvhd(version: 0 | 1, timescale: number, duration: number): Uint8Array {
  const times = version === 1 ? [...u64(0), ...u64(0), ...u32(timescale), ...u64(duration)] : [...u32(0), ...u32(0), ...u32(timescale), ...u32(duration)];
  // The rest of mvhd (rate, volume, matrix, next track id) is not read but keeps the box realistic.
  return box('mvhd', [version, 0, 0, 0], times, new Uint8Array(80));
}

/** An EBML element: `id` as written (with its marker bits), size as an 8-byte vint. */
export function ebml(id: number[], ...payload: (Uint8Array | number[])[]): Uint8Array {
  const body = concat(...payload);
  return concat(id, [0x01, ...u64(body.length).slice(1)], body);
}

export function float32(n: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, n);
  return [...b];
}

export function float64(n: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, n);
  return [...b];
}

/**
 * A file of `size` bytes that exists only as a few regions (zeros elsewhere), counting what is read,
 * to show that big files are walked by their headers and never loaded whole.
 */
export function sparseReader(size: number, regions: { offset: number; bytes: Uint8Array }[]): ByteReader & { bytesRead: number } {
  const reader = {
    size,
    bytesRead: 0,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      for (const r of regions) {
        for (let i = 0; i < r.bytes.length; i++) {
          const at = r.offset + i - offset;
          if (at >= 0 && at < out.length) out[at] = r.bytes[i];
        }
      }
      reader.bytesRead += out.length;
      return out;
    },
  };
  return reader;
}
