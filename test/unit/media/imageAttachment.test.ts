import * as assert from 'assert';
import { toDataUrl, validateImageAttachment } from '../../../src/core/media/image';
import { fixture } from './fixtures';

const b64 = (name: string) => Buffer.from(fixture(name)).toString('base64');

function rejected(result: ReturnType<typeof validateImageAttachment>): string {
  assert.ok(!result.ok, `expected a refusal, got ${JSON.stringify(result)}`);
  return result.message;
}

describe('validateImageAttachment', () => {
  it('accepts what the webview should send and reports the decoded size', () => {
    const base64 = b64('screenshot-40x30.png');
    assert.deepStrictEqual(validateImageAttachment({ mime: 'image/png', base64, width: 40, height: 30 }), {
      ok: true,
      mime: 'image/png',
      width: 40,
      height: 30,
      bytes: fixture('screenshot-40x30.png').length,
    });
  });

  it('refuses a type the API does not take', () => {
    const message = rejected(validateImageAttachment({ mime: 'image/bmp', base64: b64('legacy-16x12.bmp'), width: 16, height: 12 }));
    assert.match(message, /"image\/bmp" can't be sent; the Step API accepts image\/png, image\/jpeg, image\/webp, image\/gif/);
  });

  it('refuses a label that does not match the bytes', () => {
    const message = rejected(validateImageAttachment({ mime: 'image/jpeg', base64: b64('png-named.jpg'), width: 40, height: 30 }));
    assert.match(message, /labelled image\/jpeg but its bytes are image\/png/);
  });

  it('refuses dimensions that do not match the bytes', () => {
    const message = rejected(validateImageAttachment({ mime: 'image/gif', base64: b64('static-32x16.gif'), width: 16, height: 32 }));
    assert.match(message, /described as 16×32 but it is 32×16/);
  });

  it('refuses base64 that does not decode', () => {
    assert.match(rejected(validateImageAttachment({ mime: 'image/png', base64: 'iVBOR!!w0KGgo=', width: 1, height: 1 })), /not valid base64/);
    assert.match(rejected(validateImageAttachment({ mime: 'image/png', base64: 'iVBORw0KGgo', width: 1, height: 1 })), /not valid base64/);
  });

  it('says when it was sent a whole data: URL', () => {
    const message = rejected(validateImageAttachment({ mime: 'image/png', base64: `data:image/png;base64,${b64('screenshot-40x30.png')}`, width: 40, height: 30 }));
    assert.match(message, /data: URL; send only the base64 part/);
  });

  it('refuses empty data', () => {
    assert.match(rejected(validateImageAttachment({ mime: 'image/png', base64: '', width: 1, height: 1 })), /no data/);
  });

  it('refuses bytes that are an animated or broken image, with the sniffer\'s reason', () => {
    assert.match(rejected(validateImageAttachment({ mime: 'image/gif', base64: b64('animated-20x20.gif'), width: 20, height: 20 })), /Animated GIFs/);
    assert.match(rejected(validateImageAttachment({ mime: 'image/png', base64: b64('truncated.png'), width: 40, height: 30 })), /damaged/);
  });

  it('refuses an image over the byte limit before decoding it', () => {
    const base64 = b64('photo-48x32.jpg');
    const message = rejected(validateImageAttachment({ mime: 'image/jpeg', base64, width: 48, height: 32 }, 100));
    assert.match(message, /This image is 208 B; the limit is 100 B/);
  });

  it('refuses a limit that makes no sense', () => {
    assert.throws(() => validateImageAttachment({ mime: 'image/png', base64: 'AAAA', width: 1, height: 1 }, 0), /maxBytes must be a positive number/);
  });
});

describe('toDataUrl', () => {
  it('builds a data URL for an image or video part', () => {
    assert.strictEqual(toDataUrl('image/png', 'iVBORw0KGgo='), 'data:image/png;base64,iVBORw0KGgo=');
    assert.strictEqual(toDataUrl('video/mp4', 'AAAA'), 'data:video/mp4;base64,AAAA');
  });

  it('refuses a malformed type or payload', () => {
    assert.throws(() => toDataUrl('png', 'AAAA'), /image\/… or video\/… type, got "png"/);
    assert.throws(() => toDataUrl('image/png', 'not base64!'), /padded standard base64/);
    assert.throws(() => toDataUrl('image/png', ''), /padded standard base64/);
  });
});
