import * as assert from 'assert';
import { ACCEPTED_IMAGE_MIMES } from '../../../src/shared/media';
import { ImageAttachment } from '../../../src/shared/protocol';

describe('accepted image types (written once, in src/shared/media.ts)', () => {
  const attachment = (mime: string) => ({ kind: 'image', id: 'i1', name: 'shot', mime, base64: 'AAAA', width: 2, height: 2, detail: 'high' });

  it('the protocol accepts exactly the types media.ts lists', () => {
    assert.deepStrictEqual(ImageAttachment.shape.mime.options, [...ACCEPTED_IMAGE_MIMES]);
    for (const mime of ACCEPTED_IMAGE_MIMES) assert.ok(ImageAttachment.safeParse(attachment(mime)).success, mime);
    for (const mime of ['image/bmp', 'image/avif', 'image/svg+xml', 'video/mp4', '']) assert.ok(!ImageAttachment.safeParse(attachment(mime)).success, mime);
  });
});
