// Image checks shared by the webview (to refuse a paste with a reason before showing a thumbnail) and the host
// (to re-check what the webview sends). Formats are recognised by their BYTES only: file names and clipboard
// types lie. Pure code over Uint8Array, so it runs unchanged in the browser and in Node.
//
// What the Step API accepts (docs/step-api-notes.md, "Images and video"): PNG, JPEG, WebP and *static* GIF.
// Animation decision: animated GIF, animated PNG (APNG) and animated WebP are all refused. An APNG is a valid PNG
// and would decode, but only as its first frame: the model would silently miss the rest, the very thing the API's
// "static GIF" rule avoids. The same holds for animated WebP (and libwebp's simple decoder refuses those outright).
//
// `convertible: true` means the VS Code webview (Chromium) can decode the file itself, so it can be redrawn on a
// canvas and re-encoded as PNG without asking the user: BMP and AVIF. HEIC and TIFF are not decodable by
// Chromium; SVG may have no intrinsic size, and animations need the user to choose a frame.

/** The image types the Step API accepts; the protocol's ImageAttachment.mime is built from this list. */
export const ACCEPTED_IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMime = (typeof ACCEPTED_IMAGE_MIMES)[number];

/** Standard base64 alphabet with padding, as FileReader.readAsDataURL and btoa produce it. */
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isAcceptedImageMime(mime: unknown): mime is ImageMime {
  return typeof mime === 'string' && (ACCEPTED_IMAGE_MIMES as readonly string[]).includes(mime);
}

/**
 * A data: URL for an image, or undefined when the type is not an accepted image type or the
 * payload is not base64: stored or restored state must never turn `text/html` into a page.
 */
export function imageDataUrl(mime: unknown, base64: unknown): string | undefined {
  if (!isAcceptedImageMime(mime) || typeof base64 !== 'string' || base64 === '' || !BASE64.test(base64)) return undefined;
  return `data:${mime};base64,${base64}`;
}

export type ImageRejectCode =
  | 'animated-gif'
  | 'animated-png'
  | 'animated-webp'
  | 'heic'
  | 'tiff'
  | 'bmp'
  | 'svg'
  | 'avif'
  | 'corrupt'
  | 'empty'
  | 'unknown';

export type ImageSniff =
  | { ok: true; mime: ImageMime; width: number; height: number }
  | { ok: false; code: ImageRejectCode; message: string; convertible: boolean };

type ImageReject = Extract<ImageSniff, { ok: false }>;

const MiB = 1024 * 1024;
// StepFun documents no per-image byte limit. 10 MB keeps a request (base64 adds a third) well inside what
// OpenAI-compatible gateways take, and a screenshot is far smaller; callers may pass their own bound.
export const MAX_IMAGE_BYTES_DEFAULT = 10 * MiB;

const ACCEPTED = 'PNG, JPEG, WebP or a still GIF';

/** Says what the bytes are and, if the Step API would refuse them, why and what to do instead. */
export function sniffImage(bytes: Uint8Array): ImageSniff {
  if (bytes.length === 0) {
    return reject('empty', 'The image is empty (0 bytes) — copy or save it again, then attach it.');
  }
  const format = acceptedFormat(bytes);
  if (!format) return sniffRejected(bytes);
  try {
    return format.sniff(bytes);
  } catch (e) {
    if (e instanceof Truncated) {
      return corrupt(format.name, 'it ends early — it was probably cut off while saving, copying or downloading');
    }
    throw e;
  }
}

export function checkImageSize(byteLength: number, maxBytes: number = MAX_IMAGE_BYTES_DEFAULT): { ok: true } | { ok: false; message: string } {
  if (byteLength <= maxBytes) return { ok: true };
  return {
    ok: false,
    message:
      `This image is ${describeBytes(byteLength)}; the limit is ${describeBytes(maxBytes)} — ` +
      'crop or scale it down (or save it as JPEG) and attach it again.',
  };
}

/** "512 B", "1.5 KB", "3.2 MB", "128 MB" (binary multiples, as file managers show them). */
export function describeBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`describeBytes needs a byte count of 0 or more, got ${n}`);
  if (n < 1024) return `${Math.round(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${rounded} ${units[unit]}`;
}

/** Largest size with the same aspect ratio whose longer edge is at most maxEdge; never enlarges. */
export function fitWithin(width: number, height: number, maxEdge: number): { width: number; height: number } {
  for (const [name, v] of [['width', width], ['height', height], ['maxEdge', maxEdge]] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`fitWithin needs a positive ${name}, got ${v}`);
  }
  const longest = Math.max(width, height);
  if (longest <= maxEdge) return { width, height };
  const scale = maxEdge / longest;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

// ---- accepted formats -------------------------------------------------------------------------

// Thrown by the byte readers below when a header points past the end; sniffImage turns it into 'corrupt'.
class Truncated extends Error {}

interface Format {
  name: string;
  sniff(b: Uint8Array): ImageSniff;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function acceptedFormat(b: Uint8Array): Format | undefined {
  if (PNG_SIGNATURE.every((v, i) => b[i] === v)) return { name: 'PNG', sniff: sniffPng };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { name: 'JPEG', sniff: sniffJpeg };
  if (text(b, 0, 4) === 'RIFF' && text(b, 8, 4) === 'WEBP') return { name: 'WebP', sniff: sniffWebp };
  if (text(b, 0, 6) === 'GIF87a' || text(b, 0, 6) === 'GIF89a') return { name: 'GIF', sniff: sniffGif };
  return undefined;
}

function sniffPng(b: Uint8Array): ImageSniff {
  // Walk every chunk to IEND: that is how a cut-off file shows itself.
  let offset = 8;
  let width = 0;
  let height = 0;
  let hasImageData = false;
  let frames = 1;
  for (let index = 0; ; index++) {
    const length = u32be(b, offset);
    const type = text(b, offset + 4, 4);
    const end = offset + 12 + length;
    if (end > b.length) throw new Truncated();
    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) return corrupt('PNG', 'its IHDR header is missing');
      width = u32be(b, offset + 8);
      height = u32be(b, offset + 12);
    } else if (type === 'acTL') {
      frames = u32be(b, offset + 8);
    } else if (type === 'IDAT') {
      hasImageData = true;
    } else if (type === 'IEND') {
      break;
    }
    offset = end;
  }
  if (!hasImageData) return corrupt('PNG', 'it has no image data');
  if (width === 0 || height === 0) return corrupt('PNG', `it claims a size of ${width}×${height}`);
  if (frames > 1) {
    return reject(
      'animated-png',
      `Animated PNGs can't be sent — the model would only see the first of its ${frames} frames. ` +
        'Paste a single frame (a PNG screenshot) instead.',
    );
  }
  return { ok: true, mime: 'image/png', width, height };
}

function sniffJpeg(b: Uint8Array): ImageSniff {
  let offset = 2;
  let size: { width: number; height: number } | undefined;
  for (;;) {
    if (byteAt(b, offset) !== 0xff) return corrupt('JPEG', `a segment marker is missing at byte ${offset}`);
    while (byteAt(b, offset) === 0xff) offset++; // fill bytes may pad markers
    const marker = byteAt(b, offset++);
    if (marker === 0xd9) return corrupt('JPEG', 'it ends before any image data');
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // markers without a length
    const length = u16be(b, offset);
    if (length < 2) return corrupt('JPEG', `a segment at byte ${offset} has an impossible length`);
    if (offset + length > b.length) throw new Truncated();
    const isFrameHeader = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrameHeader && !size) size = { height: u16be(b, offset + 3), width: u16be(b, offset + 5) };
    if (marker === 0xda) break; // start of scan: the entropy-coded data follows
    offset += length;
  }
  if (!size) return corrupt('JPEG', 'it has no frame header (SOF), so its size is unknown');
  if (size.width === 0 || size.height === 0) return corrupt('JPEG', `it claims a size of ${size.width}×${size.height}`);
  // Scan data escapes 0xFF, so an end-of-image marker after the first scan means the file is complete.
  if (!hasMarkerAfter(b, 0xd9, offset)) throw new Truncated();
  return { ok: true, mime: 'image/jpeg', ...size };
}

function hasMarkerAfter(b: Uint8Array, marker: number, from: number): boolean {
  for (let i = b.length - 2; i >= from; i--) {
    if (b[i] === 0xff && b[i + 1] === marker) return true;
  }
  return false;
}

function sniffWebp(b: Uint8Array): ImageSniff {
  if (u32le(b, 4) + 8 > b.length) throw new Truncated();
  const chunk = text(b, 12, 4);
  const p = 20;
  if (chunk === 'VP8 ') {
    if (byteAt(b, p + 3) !== 0x9d || byteAt(b, p + 4) !== 0x01 || byteAt(b, p + 5) !== 0x2a) {
      return corrupt('WebP', 'its VP8 start code is missing');
    }
    return webpOk(u16le(b, p + 6) & 0x3fff, u16le(b, p + 8) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (byteAt(b, p) !== 0x2f) return corrupt('WebP', 'its lossless signature is missing');
    const bits = u32le(b, p + 1);
    return webpOk((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    if ((byteAt(b, p) & 0x02) !== 0) {
      return reject(
        'animated-webp',
        "Animated WebP images can't be sent — the model would only see one frame. Paste a single frame (a PNG screenshot) instead.",
      );
    }
    return webpOk(u24le(b, p + 4) + 1, u24le(b, p + 7) + 1);
  }
  return corrupt('WebP', `its first chunk is "${chunk}", not an image`);
}

function webpOk(width: number, height: number): ImageSniff {
  if (width === 0 || height === 0) return corrupt('WebP', `it claims a size of ${width}×${height}`);
  return { ok: true, mime: 'image/webp', width, height };
}

function sniffGif(b: Uint8Array): ImageSniff {
  const width = u16le(b, 6);
  const height = u16le(b, 8);
  let offset = 13 + colorTableBytes(byteAt(b, 10));
  let frames = 0;
  for (;;) {
    const block = byteAt(b, offset++);
    if (block === 0x3b) break; // trailer
    if (block === 0x21) {
      offset = skipSubBlocks(b, offset + 1); // extension: label byte, then data sub-blocks
    } else if (block === 0x2c) {
      if (++frames > 1) {
        return reject('animated-gif', "Animated GIFs can't be sent — paste a single frame (a PNG screenshot) instead.");
      }
      offset += 9 + colorTableBytes(byteAt(b, offset + 8));
      offset = skipSubBlocks(b, offset + 1); // LZW code size, then image data sub-blocks
    } else {
      return corrupt('GIF', `it has an unknown block (0x${block.toString(16)}) at byte ${offset - 1}`);
    }
  }
  if (frames === 0) return corrupt('GIF', 'it contains no image');
  if (width === 0 || height === 0) return corrupt('GIF', `it claims a size of ${width}×${height}`);
  return { ok: true, mime: 'image/gif', width, height };
}

function colorTableBytes(packed: number): number {
  return packed & 0x80 ? 3 * (2 << (packed & 0x07)) : 0;
}

function skipSubBlocks(b: Uint8Array, offset: number): number {
  for (let size = byteAt(b, offset); size !== 0; size = byteAt(b, offset)) offset += size + 1;
  return offset + 1;
}

// ---- formats the API refuses ----------------------------------------------------------------

const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1'];
const VIDEO_BRANDS = ['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'qt  ', 'M4V ', 'dash'];

function sniffRejected(b: Uint8Array): ImageSniff {
  if (text(b, 4, 4) === 'ftyp') {
    const brands = isoBrands(b);
    if (brands.some((x) => x === 'avif' || x === 'avis')) {
      return reject('avif', "AVIF images aren't accepted by the Step API — convert it to PNG or JPEG.", true);
    }
    if (brands.some((x) => HEIF_BRANDS.includes(x))) {
      return reject(
        'heic',
        "HEIC/HEIF photos (the iPhone default) can't be sent — export it as JPEG or PNG " +
          '(on iPhone: Settings › Camera › Formats › Most Compatible) and attach that.',
      );
    }
    if (brands.some((x) => VIDEO_BRANDS.includes(x))) {
      return reject('unknown', 'This is a video, not an image — attach it as a video instead.');
    }
  }
  if (text(b, 0, 4) === 'II*\0' || text(b, 0, 4) === 'MM\0*') {
    return reject('tiff', "TIFF images can't be sent — export it as PNG or JPEG and attach that.");
  }
  if (text(b, 0, 2) === 'BM' && b.length >= 26 && [12, 40, 52, 56, 64, 108, 124].includes(u32le(b, 14))) {
    return reject('bmp', "BMP images aren't accepted by the Step API — convert it to PNG before sending.", true);
  }
  if (looksLikeSvg(b)) {
    return reject(
      'svg',
      "SVG is a vector format the Step API doesn't accept — take a screenshot of it or export it as PNG.",
    );
  }
  const other = OTHER_KNOWN.find((o) => o.test(b));
  const what = other ? `This is a ${other.name} file, not an image the Step API accepts` : "This file isn't an image format the Step API accepts";
  return reject('unknown', `${what} (${ACCEPTED}) — take a screenshot or export it as PNG, then attach that.`);
}

// Named only so the message can say what the file is.
const OTHER_KNOWN: { name: string; test(b: Uint8Array): boolean }[] = [
  { name: 'PDF', test: (b) => text(b, 0, 5) === '%PDF-' },
  { name: 'Photoshop (PSD)', test: (b) => text(b, 0, 4) === '8BPS' },
  { name: 'Windows icon (ICO)', test: (b) => b.length > 6 && u32le(b, 0) === 0x00010000 },
  { name: 'JPEG XL', test: (b) => (b[0] === 0xff && b[1] === 0x0a) || text(b, 4, 4) === 'JXL ' },
];

function isoBrands(b: Uint8Array): string[] {
  const boxEnd = Math.min(b.length, b.length >= 4 ? u32be(b, 0) : 0, 256);
  const brands = [text(b, 8, 4)];
  for (let o = 16; o + 4 <= boxEnd; o += 4) brands.push(text(b, o, 4));
  return brands;
}

function looksLikeSvg(b: Uint8Array): boolean {
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0; // UTF-8 byte order mark
  const head = text(b, start, Math.min(b.length - start, 4096)).trimStart();
  return head.startsWith('<') && /<svg[\s>:]/i.test(head);
}

// ---- helpers ----------------------------------------------------------------------------------

function reject(code: ImageRejectCode, message: string, convertible = false): ImageReject {
  return { ok: false, code, message, convertible };
}

function corrupt(format: string, why: string): ImageReject {
  return reject('corrupt', `This ${format} file is damaged: ${why}. Save or copy the image again and attach it.`);
}

function byteAt(b: Uint8Array, i: number): number {
  if (i >= b.length) throw new Truncated();
  return b[i];
}

function need(b: Uint8Array, offset: number, length: number): void {
  if (offset + length > b.length) throw new Truncated();
}

function u16be(b: Uint8Array, o: number): number {
  need(b, o, 2);
  return (b[o] << 8) | b[o + 1];
}

function u32be(b: Uint8Array, o: number): number {
  need(b, o, 4);
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

function u16le(b: Uint8Array, o: number): number {
  need(b, o, 2);
  return b[o] | (b[o + 1] << 8);
}

function u24le(b: Uint8Array, o: number): number {
  need(b, o, 3);
  return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16);
}

function u32le(b: Uint8Array, o: number): number {
  need(b, o, 4);
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

/** Latin-1 view of a byte range, shorter if the bytes run out: enough for ASCII signatures. */
function text(b: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...b.subarray(offset, offset + Math.max(0, length)));
}
