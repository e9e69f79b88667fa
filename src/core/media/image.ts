// Host-side re-check of an image the webview sends: the webview already sniffed it, but the host is the
// last stop before the API, so it trusts nothing it did not decode itself.

import { ACCEPTED_IMAGE_MIMES, BASE64, checkImageSize, ImageMime, isAcceptedImageMime, MAX_IMAGE_BYTES_DEFAULT, sniffImage } from '../../shared/media';

export interface ImageAttachmentInput {
  mime: string;
  base64: string;
  width: number;
  height: number;
}

export type ImageAttachmentCheck =
  | { ok: true; mime: ImageMime; width: number; height: number; bytes: number }
  | { ok: false; message: string };

const MEDIA_MIME = /^(?:image|video)\/[a-z0-9][a-z0-9.+-]*$/;

export function validateImageAttachment(input: ImageAttachmentInput, maxBytes: number = MAX_IMAGE_BYTES_DEFAULT): ImageAttachmentCheck {
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive number, got ${maxBytes}`);
  const { mime, base64, width, height } = input;
  if (!isAcceptedImageMime(mime)) {
    return fail(`The image type "${mime}" can't be sent; the Step API accepts ${ACCEPTED_IMAGE_MIMES.join(', ')}.`);
  }
  if (typeof base64 !== 'string' || base64.length === 0) return fail('The image arrived with no data — attach it again.');
  if (base64.startsWith('data:')) {
    return fail('The image data is a data: URL; send only the base64 part after the comma.');
  }
  if (!BASE64.test(base64)) {
    return fail('The image data is not valid base64 (wrong characters or length) — attach it again.');
  }
  // Bound the size before decoding, so an oversized payload is never copied into memory again.
  const size = (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
  const sizeCheck = checkImageSize(size, maxBytes);
  if (!sizeCheck.ok) return fail(sizeCheck.message);
  const sniff = sniffImage(Buffer.from(base64, 'base64'));
  if (!sniff.ok) return fail(sniff.message);
  if (sniff.mime !== mime) {
    return fail(`The image was labelled ${mime} but its bytes are ${sniff.mime}, so it was not sent — attach it again.`);
  }
  if (width !== sniff.width || height !== sniff.height) {
    return fail(
      `The image was described as ${width}×${height} but it is ${sniff.width}×${sniff.height}, so it was not sent — attach it again.`,
    );
  }
  return { ok: true, mime: sniff.mime, width: sniff.width, height: sniff.height, bytes: size };
}

/** `data:<mime>;base64,<data>` for an image_url or video_url part; throws on a malformed type or payload. */
export function toDataUrl(mime: string, base64: string): string {
  if (!MEDIA_MIME.test(mime)) throw new TypeError(`toDataUrl needs an image/… or video/… type, got "${mime}"`);
  if (base64.length === 0 || !BASE64.test(base64)) throw new TypeError('toDataUrl needs non-empty, padded standard base64');
  return `data:${mime};base64,${base64}`;
}

function fail(message: string): ImageAttachmentCheck {
  return { ok: false, message };
}
