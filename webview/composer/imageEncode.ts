/** Canvas work for images: decode, downscale keeping aspect ratio, re-encode, base64. */

export type EncodableMime = 'image/png' | 'image/jpeg' | 'image/webp';

export async function decode(bytes: Uint8Array): Promise<ImageBitmap> {
  return createImageBitmap(new Blob([bytes as BlobPart]));
}

export async function encode(bitmap: ImageBitmap, width: number, height: number, mime: EncodableMime, quality?: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas is available to resize the image');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  const blob = await canvas.convertToBlob({ type: mime, quality });
  // Browsers fall back to PNG for types they cannot encode; report what we really have.
  if (blob.type !== mime && !(mime === 'image/png' && blob.type === '')) throw new Error(`this browser cannot encode ${mime}`);
  return new Uint8Array(await blob.arrayBuffer());
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let index = 0; index < bytes.length; index += step) {
    binary += String.fromCharCode(...bytes.subarray(index, index + step));
  }
  return btoa(binary);
}
