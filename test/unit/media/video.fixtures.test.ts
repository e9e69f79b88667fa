import * as assert from 'assert';
import { checkVideo } from '../../../src/core/media/video';
import { fixture } from './fixtures';

async function refused(file: string) {
  const result = await checkVideo(fixture(file), file);
  assert.ok(!result.ok, `expected a refusal, got ${JSON.stringify(result)}`);
  return result;
}

describe('checkVideo on real files', () => {
  const accepted: [string, string, string][] = [
    ['clip-3s-moov-at-end.mp4', 'mp4', 'video/mp4'],
    ['clip-3s-faststart.mp4', 'mp4', 'video/mp4'],
    ['clip-3s.mov', 'mov', 'video/quicktime'],
    ['clip-3s.mkv', 'mkv', 'video/x-matroska'],
  ];
  for (const [file, container, mime] of accepted) {
    it(`accepts ${file} as a 3-second ${container}`, async () => {
      const bytes = fixture(file);
      assert.deepStrictEqual(await checkVideo(bytes, file), { ok: true, container, mime, durationSec: 3, bytes: bytes.length });
    });
  }

  it('reads 7 min 12 s from an MP4 container and says to split it', async () => {
    const r = await refused('long-7m12s.mp4');
    assert.strictEqual(r.code, 'too-long');
    assert.strictEqual(r.message, '"long-7m12s.mp4" is 7 min 12 s; the limit is 5 minutes — split it into shorter clips.');
  });

  it('reads 7 min 12 s from a Matroska container', async () => {
    const r = await refused('long-7m12s.mkv');
    assert.strictEqual(r.code, 'too-long');
    assert.match(r.message, /is 7 min 12 s; the limit is 5 minutes/);
  });

  it('takes the length from the container, not the name', async () => {
    const result = await checkVideo(fixture('long-7m12s.mp4'), 'three-seconds.mp4');
    assert.ok(!result.ok && result.code === 'too-long');
    const short = await checkVideo(fixture('clip-3s.mkv'), 'ten-minutes.mp4');
    assert.ok(short.ok && short.container === 'mkv');
  });

  it('refuses WebM specifically, even though it is Matroska inside', async () => {
    const r = await refused('clip-3s.webm');
    assert.strictEqual(r.code, 'webm');
    assert.match(r.message, /"clip-3s.webm" is a WebM video\. WebM is built on Matroska, but the Step API does not accept it/);
    assert.match(r.message, /convert it to MP4/);
  });

  it('names AVI as unsupported and suggests converting', async () => {
    const r = await refused('clip-3s.avi');
    assert.strictEqual(r.code, 'unsupported');
    assert.match(r.message, /is an AVI video; only MP4, MOV and MKV videos can be sent — convert it to MP4/);
  });

  it('says an image is an image', async () => {
    const r = await refused('screenshot-40x30.png');
    assert.strictEqual(r.code, 'unsupported');
    assert.match(r.message, /is a PNG image, not a video — attach it as an image instead/);
    assert.match((await refused('phone-40x30.heic')).message, /HEIF\/AVIF still image .* attach it as an image/);
  });

  it('refuses an MP4 cut off before its moov box', async () => {
    const r = await refused('truncated.mp4');
    assert.strictEqual(r.code, 'corrupt');
    assert.match(r.message, /ends in the middle of its media data \(mdat box\), so it is incomplete/);
  });

  it('refuses a fast-start MP4 cut off inside its media data', async () => {
    const bytes = fixture('clip-3s-faststart.mp4');
    const r = await checkVideo(bytes.subarray(0, bytes.length - 100), 'cut.mp4');
    assert.ok(!r.ok && r.code === 'corrupt', JSON.stringify(r));
  });

  it('refuses a Matroska file cut short', async () => {
    const bytes = fixture('clip-3s.mkv');
    const r = await checkVideo(bytes.subarray(0, bytes.length - 200), 'cut.mkv');
    assert.ok(!r.ok && r.code === 'corrupt', JSON.stringify(r));
    assert.match(r.message, /incomplete/);
  });

  it('refuses an empty file', async () => {
    const r = await checkVideo(new Uint8Array(0), 'empty.mp4');
    assert.deepStrictEqual(r, { ok: false, code: 'corrupt', message: '"empty.mp4" is empty (0 bytes) — save or download it again, then attach it.' });
  });
});
