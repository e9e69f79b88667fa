import { validateImageAttachment } from '../../core/media/image';
import type { StoredImage } from '../../core/chat/types';
import type { ImageAttachment } from '../../shared/protocol';

/**
 * Re-checks the images the webview sends (bytes, type, size) before they are
 * stored or sent; returns the images or a message naming the one that failed.
 */
export function checkImages(images: readonly ImageAttachment[], maxBytes: number): StoredImage[] | string {
  const stored: StoredImage[] = [];
  for (const image of images) {
    const check = validateImageAttachment(image, maxBytes);
    if (!check.ok) return `${image.name}: ${check.message}`;
    stored.push({ name: image.name, mime: check.mime, base64: image.base64, detail: image.detail });
  }
  return stored;
}
