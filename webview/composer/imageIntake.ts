/**
 * Turns raw bytes into an image the API accepts, or a specific reason it cannot:
 * the format is sniffed from the bytes (not the name), convertible formats (BMP)
 * become PNG, images over the edge limit are downscaled, and anything still over
 * the byte limit is re-encoded as JPEG before being refused.
 */
import type { ImageAttachment } from '../../src/shared/protocol';
import { checkImageSize, fitWithin, sniffImage } from '../../src/shared/media';
import { decode, encode, EncodableMime, toBase64 } from './imageEncode';

// Decoding allocates 4 bytes a pixel; past this a crafted header could exhaust the webview's memory.
const MAX_PIXELS = 100_000_000;

export interface ImageLimits {
  maxEdge: number;
  maxBytes: number;
}

export type PreparedImage =
  | { ok: true; mime: ImageAttachment['mime']; base64: string; width: number; height: number; note?: string }
  | { ok: false; message: string };

async function reencode(bytes: Uint8Array, width: number, height: number, mime: EncodableMime, limits: ImageLimits): Promise<PreparedImage & { ok: true }> {
  const bitmap = await decode(bytes);
  try {
    const size = fitWithin(width, height, limits.maxEdge);
    let out = await encode(bitmap, size.width, size.height, mime, mime === 'image/png' ? undefined : 0.9);
    let outMime: ImageAttachment['mime'] = mime;
    for (const quality of [0.85, 0.7, 0.5]) {
      if (out.length <= limits.maxBytes) break;
      out = await encode(bitmap, size.width, size.height, 'image/jpeg', quality);
      outMime = 'image/jpeg';
    }
    return { ok: true, mime: outMime, base64: toBase64(out), width: size.width, height: size.height };
  } finally {
    bitmap.close();
  }
}

export async function prepareImage(bytes: Uint8Array, name: string, limits: ImageLimits): Promise<PreparedImage> {
  const sniffed = sniffImage(bytes);
  try {
    if (!sniffed.ok) {
      if (!sniffed.convertible) return { ok: false, message: `${name}: ${sniffed.message}` };
      const bitmap = await decode(bytes);
      const { width, height } = bitmap;
      bitmap.close();
      const converted = await reencode(bytes, width, height, 'image/png', limits);
      return { ...converted, note: 'converted to PNG' };
    }
    const { mime, width, height } = sniffed;
    if (width * height > MAX_PIXELS) {
      return { ok: false, message: `${name} is ${width}×${height} pixels, too large to process here (the limit is ${MAX_PIXELS / 1e6} megapixels) — crop it and attach it again.` };
    }
    const tooLarge = Math.max(width, height) > limits.maxEdge;
    if (!tooLarge && bytes.length <= limits.maxBytes) {
      return { ok: true, mime: mime as ImageAttachment['mime'], base64: toBase64(bytes), width, height };
    }
    const target: EncodableMime = mime === 'image/jpeg' || mime === 'image/webp' ? mime : 'image/png';
    const resized = await reencode(bytes, width, height, target, limits);
    const size = checkImageSize(Math.floor((resized.base64.length * 3) / 4), limits.maxBytes);
    if (!size.ok) return { ok: false, message: `${name}: ${size.message}` };
    const note = tooLarge ? `downscaled from ${width}×${height}` : 're-encoded to fit the size limit';
    return { ...resized, note };
  } catch (error) {
    return { ok: false, message: `${name} could not be decoded: ${error instanceof Error ? error.message : String(error)}` };
  }
}
