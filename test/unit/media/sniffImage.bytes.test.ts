import * as assert from 'assert';
import { sniffImage } from '../../../src/shared/media';
import { ascii, concat, fixture, u32 } from './fixtures';

function refused(bytes: Uint8Array | number[]) {
  const result = sniffImage(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
  assert.ok(!result.ok, `expected a refusal, got ${JSON.stringify(result)}`);
  return result;
}

describe('sniffImage on hand-made bytes', () => {
  it('says an empty file is empty', () => {
    const r = refused([]);
    assert.strictEqual(r.code, 'empty');
    assert.match(r.message, /empty \(0 bytes\)/);
  });

  it('names a PDF instead of calling it unknown', () => {
    const r = refused(ascii('%PDF-1.7\n%âãÏÓ\n'));
    assert.strictEqual(r.code, 'unknown');
    assert.match(r.message, /This is a PDF file, not an image the Step API accepts \(PNG, JPEG, WebP or a still GIF\)/);
  });

  it('calls random text unknown and lists what is accepted', () => {
    const r = refused(ascii('hello, this is not a picture'));
    assert.strictEqual(r.code, 'unknown');
    assert.match(r.message, /isn't an image format the Step API accepts \(PNG, JPEG, WebP or a still GIF\)/);
  });

  it('finds an SVG behind a byte order mark, an XML declaration and a comment', () => {
    const r = refused(concat([0xef, 0xbb, 0xbf], ascii('<?xml version="1.0"?>\n<!-- c -->\n<svg viewBox="0 0 1 1"></svg>')));
    assert.strictEqual(r.code, 'svg');
  });

  it('does not call an HTML page an SVG just because it starts with "<"', () => {
    assert.strictEqual(refused(ascii('<!doctype html><html><body>hi</body></html>')).code, 'unknown');
  });

  it('refuses a PNG whose first chunk is not IHDR', () => {
    const png = fixture('screenshot-40x30.png');
    const broken = png.slice();
    broken.set(ascii('IHDX'), 12);
    assert.match(refused(broken).message, /PNG file is damaged: its IHDR header is missing/);
  });

  it('refuses a PNG with a zero width', () => {
    const broken = fixture('screenshot-40x30.png').slice();
    broken.set(u32(0), 16);
    assert.match(refused(broken).message, /claims a size of 0×30/);
  });

  it('accepts an APNG that declares a single frame, which is just a still PNG', () => {
    const png = fixture('screenshot-40x30.png');
    const actl = concat(u32(8), ascii('acTL'), u32(1), u32(0), u32(0)); // CRC is not checked
    const withActl = concat(png.subarray(0, 33), actl, png.subarray(33));
    assert.deepStrictEqual(sniffImage(withActl), { ok: true, mime: 'image/png', width: 40, height: 30 });
  });

  it('refuses a JPEG that has no frame header before its scan', () => {
    const jpeg = [0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x11, 0x22, 0xff, 0xd9];
    assert.match(refused(jpeg).message, /no frame header \(SOF\)/);
  });

  it('refuses a JPEG that ends right after its start marker', () => {
    assert.match(refused([0xff, 0xd8, 0xff, 0xd9]).message, /ends before any image data/);
  });

  it('reads a JPEG size past an EXIF thumbnail, whose own end marker must not count', () => {
    const photo = fixture('photo-48x32.jpg');
    const thumb = [0xff, 0xd8, 0xff, 0xd9];
    const app1 = concat([0xff, 0xe1, 0x00, 2 + 6 + thumb.length], ascii('Exif\0\0'), thumb);
    const withExif = concat(photo.subarray(0, 2), app1, photo.subarray(2));
    assert.deepStrictEqual(sniffImage(withExif), { ok: true, mime: 'image/jpeg', width: 48, height: 32 });
    const cut = withExif.subarray(0, withExif.length - 2);
    assert.strictEqual(refused(cut).code, 'corrupt');
  });

  it('refuses a GIF that holds no image at all', () => {
    const gif = concat(ascii('GIF89a'), [1, 0, 1, 0, 0, 0, 0], [0x3b]);
    assert.match(refused(gif).message, /contains no image/);
  });

  it('refuses a GIF with an unknown block', () => {
    const gif = concat(ascii('GIF89a'), [1, 0, 1, 0, 0, 0, 0], [0x99]);
    assert.match(refused(gif).message, /unknown block \(0x99\) at byte 13/);
  });

  it('tells HEIC from AVIF by the brands, whichever is listed first', () => {
    const heif = (major: string, ...compat: string[]) => concat(u32(16 + 4 * compat.length), ascii('ftyp'), ascii(major), u32(0), ...compat.map(ascii));
    assert.strictEqual(refused(heif('mif1', 'heic')).code, 'heic');
    assert.strictEqual(refused(heif('mif1', 'avif')).code, 'avif');
    assert.strictEqual(refused(heif('heix')).code, 'heic');
  });

  it('recognises both byte orders of TIFF', () => {
    assert.strictEqual(refused(concat(ascii('II*\0'), u32(8))).code, 'tiff');
    assert.strictEqual(refused(concat(ascii('MM\0*'), u32(8))).code, 'tiff');
  });

  it('does not call any file starting with "BM" a bitmap', () => {
    assert.strictEqual(refused(ascii('BMW owners manual, chapter one: the engine')).code, 'unknown');
  });
});
