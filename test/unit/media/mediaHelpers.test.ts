import * as assert from 'assert';
import { checkImageSize, describeBytes, fitWithin, MAX_IMAGE_BYTES_DEFAULT } from '../../../src/shared/media';
import { formatDuration } from '../../../src/core/media/video';

describe('describeBytes', () => {
  const cases: [number, string][] = [
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [3.2 * 1024 * 1024, '3.2 MB'],
    [128 * 1024 * 1024, '128 MB'],
    [15.75 * 1024 * 1024, '16 MB'],
    [2.5 * 1024 ** 3, '2.5 GB'],
  ];
  for (const [n, text] of cases) it(`${n} → ${text}`, () => assert.strictEqual(describeBytes(n), text));

  it('refuses negative and non-numeric counts with a clear message', () => {
    assert.throws(() => describeBytes(-1), /byte count of 0 or more, got -1/);
    assert.throws(() => describeBytes(NaN), /got NaN/);
  });
});

describe('fitWithin', () => {
  it('scales the longer edge down to the limit and keeps the aspect ratio', () => {
    assert.deepStrictEqual(fitWithin(4000, 3000, 2000), { width: 2000, height: 1500 });
    assert.deepStrictEqual(fitWithin(1080, 1920, 1280), { width: 720, height: 1280 });
  });

  it('never enlarges', () => {
    assert.deepStrictEqual(fitWithin(300, 200, 2000), { width: 300, height: 200 });
    assert.deepStrictEqual(fitWithin(2000, 10, 2000), { width: 2000, height: 10 });
  });

  it('keeps a very thin image at least one pixel wide', () => {
    assert.deepStrictEqual(fitWithin(10000, 1, 100), { width: 100, height: 1 });
  });

  it('refuses sizes that are not positive numbers', () => {
    assert.throws(() => fitWithin(0, 10, 100), /positive width, got 0/);
    assert.throws(() => fitWithin(10, 10, -5), /positive maxEdge, got -5/);
  });
});

describe('checkImageSize', () => {
  it('accepts up to the limit and explains anything above it', () => {
    assert.deepStrictEqual(checkImageSize(MAX_IMAGE_BYTES_DEFAULT), { ok: true });
    const over = checkImageSize(MAX_IMAGE_BYTES_DEFAULT + 4 * 1024 * 1024);
    assert.ok(!over.ok);
    assert.strictEqual(over.message, 'This image is 14 MB; the limit is 10 MB — crop or scale it down (or save it as JPEG) and attach it again.');
  });

  it('uses the limit it is given', () => {
    assert.ok(!checkImageSize(2048, 1024).ok);
    assert.ok(checkImageSize(1024, 1024).ok);
  });
});

describe('formatDuration', () => {
  const cases: [number, string][] = [
    [0, '0 s'],
    [45, '45 s'],
    [432, '7 min 12 s'],
    [300, '5 min'],
    [300.2, '5 min 1 s'],
    [3723, '1 h 2 min 3 s'],
  ];
  for (const [s, text] of cases) it(`${s} s → ${text}`, () => assert.strictEqual(formatDuration(s), text));
});
