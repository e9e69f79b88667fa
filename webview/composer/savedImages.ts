/**
 * The check for images saved with a draft (webview/composer/draft.ts): saved state is
 * input like any other and may have been tampered with. A saved image's type must be
 * an accepted image type, as at intake. Loaded with the rest of the chat (webview/app.ts),
 * so the schemas are not built before the first paint.
 */
import * as z from '../../src/shared/zod';
import { ImageAttachment } from '../../src/shared/protocol';
import type { ReadyImage } from './draft';

const SavedImage = z.extend(z.omit(ImageAttachment, { kind: true }), { note: z.optional(z.string()) });

/** The saved images that are still images. */
export function savedImages(value: unknown): ReadyImage[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const image = SavedImage.safeParse(item);
    return image.success ? [image.data] : [];
  });
}
