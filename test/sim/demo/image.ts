/**
 * What the demo model "sees" in an attached image: its type and size from the header, and
 * for PNG its background and accent colours from the decoded pixels. Deterministic, so a
 * screenshot always turns into the same components.
 */
import { inflateSync } from 'zlib';

export interface ImageFacts {
  mime: string;
  width?: number;
  height?: number;
  /** #rrggbb, the most common colour. */
  background?: string;
  /** #rrggbb, the most common colour clearly different from the background. */
  accent?: string;
}

const hex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function unfilter(data: Buffer, width: number, height: number, bpp: number): Buffer | undefined {
  const stride = width * bpp;
  if (data.length < height * (stride + 1)) return undefined;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const type = data[y * (stride + 1)];
    const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      let v = row[x];
      if (type === 1) v += a;
      else if (type === 2) v += b;
      else if (type === 3) v += (a + b) >> 1;
      else if (type === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (type !== 0) return undefined;
      out[y * stride + x] = v & 0xff;
    }
  }
  return out;
}

/** Background and accent from a colour histogram (4 bits per channel). */
function palette(pixels: Array<[number, number, number]>): Pick<ImageFacts, 'background' | 'accent'> {
  const buckets = new Map<number, { n: number; sum: [number, number, number] }>();
  for (const [r, g, b] of pixels) {
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    const entry = buckets.get(key) ?? { n: 0, sum: [0, 0, 0] };
    entry.n++;
    entry.sum = [entry.sum[0] + r, entry.sum[1] + g, entry.sum[2] + b];
    buckets.set(key, entry);
  }
  const ranked = [...buckets.values()].sort((x, y) => y.n - x.n).map((e) => e.sum.map((s) => s / e.n));
  const bg = ranked[0];
  if (!bg) return {};
  const distance = (c: number[]) => Math.abs(c[0] - bg[0]) + Math.abs(c[1] - bg[1]) + Math.abs(c[2] - bg[2]);
  const accent = ranked.find((c) => distance(c) > 120);
  return { background: hex(bg), ...(accent ? { accent: hex(accent) } : {}) };
}

function inspectPng(bytes: Buffer): ImageFacts {
  const facts: ImageFacts = { mime: 'image/png' };
  if (bytes.length < 33 || bytes.readUInt32BE(12) !== 0x49484452) return facts;
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  Object.assign(facts, { width, height });
  const [depth, colour, interlace] = [bytes[24], bytes[25], bytes[28]];
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colour];
  if (!channels || interlace !== 0 || (depth !== 8 && depth !== 16) || (colour === 3 && depth !== 8) || width * height > 16_000_000) return facts;
  const idat: Buffer[] = [];
  let plte: Buffer | undefined;
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') idat.push(data);
    if (type === 'PLTE') plte = data;
    at += 12 + length;
  }
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    return facts;
  }
  const sample = depth / 8;
  const bpp = channels * sample;
  const pixels = unfilter(raw, width, height, bpp);
  if (!pixels) return facts;
  const step = Math.max(1, Math.floor((width * height) / 250_000));
  const rgb: Array<[number, number, number]> = [];
  for (let i = 0; i < width * height; i += step) {
    const at = i * bpp;
    const get = (c: number) => pixels[at + c * sample];
    if (colour === 3) {
      const p = get(0) * 3;
      if (plte && p + 2 < plte.length) rgb.push([plte[p], plte[p + 1], plte[p + 2]]);
    } else if (channels <= 2) rgb.push([get(0), get(0), get(0)]);
    else rgb.push([get(0), get(1), get(2)]);
  }
  return { ...facts, ...palette(rgb) };
}

function inspectJpeg(bytes: Buffer): ImageFacts {
  for (let at = 2; at + 9 < bytes.length; ) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { mime: 'image/jpeg', height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return { mime: 'image/jpeg' };
}

/** Facts about an image data URL; other URLs (stepfile://, https) tell only that an image is there. */
export function inspectImage(url: string): ImageFacts {
  const m = /^data:(image\/[a-z]+);base64,(.*)$/s.exec(url);
  if (!m) return { mime: 'image' };
  const bytes = Buffer.from(m[2], 'base64');
  if (m[1] === 'image/png') return inspectPng(bytes);
  if (m[1] === 'image/jpeg') return inspectJpeg(bytes);
  if (m[1] === 'image/gif' && bytes.length >= 10) return { mime: m[1], width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  return { mime: m[1] };
}
