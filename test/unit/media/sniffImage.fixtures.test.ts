import * as assert from 'assert';
import { sniffImage } from '../../../src/shared/media';
import { fixture } from './fixtures';

describe('sniffImage on real files', () => {
  const accepted: [string, string, number, number][] = [
    ['screenshot-40x30.png', 'image/png', 40, 30],
    ['photo-48x32.jpg', 'image/jpeg', 48, 32],
    ['progressive-48x32.jpg', 'image/jpeg', 48, 32],
    ['lossy-40x30.webp', 'image/webp', 40, 30],
    ['lossless-40x30.webp', 'image/webp', 40, 30],
    ['extended-24x20.webp', 'image/webp', 24, 20],
    ['static-32x16.gif', 'image/gif', 32, 16],
  ];
  for (const [file, mime, width, height] of accepted) {
    it(`accepts ${file} as ${mime} ${width}×${height}`, () => {
      assert.deepStrictEqual(sniffImage(fixture(file)), { ok: true, mime, width, height });
    });
  }

  it('goes by the bytes, not the name: a PNG named .jpg is a PNG', () => {
    assert.deepStrictEqual(sniffImage(fixture('png-named.jpg')), { ok: true, mime: 'image/png', width: 40, height: 30 });
  });

  it('goes by the bytes, not the name: a GIF named .png is a GIF', () => {
    assert.deepStrictEqual(sniffImage(fixture('gif-named.png')), { ok: true, mime: 'image/gif', width: 32, height: 16 });
  });

  const rejected: [string, string, boolean, RegExp][] = [
    ['animated-20x20.gif', 'animated-gif', false, /Animated GIFs can't be sent — paste a single frame/],
    ['animated-20x20.png', 'animated-png', false, /Animated PNGs can't be sent .* first of its 2 frames/],
    ['animated-20x20.webp', 'animated-webp', false, /Animated WebP images can't be sent/],
    ['legacy-16x12.bmp', 'bmp', true, /BMP .* convert it to PNG/],
    ['scan-16x12.tif', 'tiff', false, /TIFF .* export it as PNG or JPEG/],
    ['phone-40x30.heic', 'heic', false, /HEIC\/HEIF photos .* export it as JPEG or PNG/],
    ['modern-40x30.avif', 'avif', true, /AVIF .* convert it to PNG or JPEG/],
    ['icon.svg', 'svg', false, /SVG is a vector format .* screenshot/],
    ['truncated.png', 'corrupt', false, /This PNG file is damaged: it ends early/],
    ['truncated.jpg', 'corrupt', false, /This JPEG file is damaged: it ends early/],
    ['clip-3s-faststart.mp4', 'unknown', false, /This is a video, not an image — attach it as a video/],
  ];
  for (const [file, code, convertible, message] of rejected) {
    it(`refuses ${file} as ${code}${convertible ? ' (convertible)' : ''}`, () => {
      const result = sniffImage(fixture(file));
      assert.ok(!result.ok, JSON.stringify(result));
      assert.strictEqual(result.code, code);
      assert.strictEqual(result.convertible, convertible);
      assert.match(result.message, message);
    });
  }

  it('refuses a PNG cut at any point before its end chunk', () => {
    const png = fixture('screenshot-40x30.png');
    for (let length = 9; length < png.length; length++) {
      const result = sniffImage(png.subarray(0, length));
      assert.ok(!result.ok && result.code === 'corrupt', `cut at ${length}: ${JSON.stringify(result)}`);
    }
  });

  it('refuses a GIF or WebP cut short', () => {
    for (const file of ['static-32x16.gif', 'lossy-40x30.webp', 'lossless-40x30.webp']) {
      const bytes = fixture(file);
      const result = sniffImage(bytes.subarray(0, bytes.length - 3));
      assert.ok(!result.ok && result.code === 'corrupt', `${file}: ${JSON.stringify(result)}`);
    }
  });
});
