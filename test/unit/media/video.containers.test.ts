import * as assert from 'assert';
import { checkVideo, MAX_VIDEO_BYTES, MAX_VIDEO_SECONDS } from '../../../src/core/media/video';
import { ascii, box, concat, ebml, fixture, float32, float64, ftyp, mvhd, sparseReader, u32, u64 } from './fixtures';

const EBML_HEADER = ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], ascii('matroska')));
const SEGMENT = [0x18, 0x53, 0x80, 0x67];
const INFO = [0x15, 0x49, 0xa9, 0x66];
const TIMECODE_SCALE = [0x2a, 0xd7, 0xb1];
const DURATION = [0x44, 0x89];
const CLUSTER = [0x1f, 0x43, 0xb6, 0x75];

function mkv(...segmentChildren: Uint8Array[]): Uint8Array {
  return concat(EBML_HEADER, ebml(SEGMENT, ...segmentChildren));
}

async function check(bytes: Uint8Array) {
  return checkVideo(bytes, 'clip');
}

describe('checkVideo on built containers', () => {
  it('reads a version-1 (64-bit) mvhd', async () => {
    const file = concat(ftyp('isom', 'isom', 'mp41'), box('moov', mvhd(1, 90_000, 90_000 * 125)));
    assert.deepStrictEqual(await check(file), { ok: true, container: 'mp4', mime: 'video/mp4', durationSec: 125, bytes: file.length });
  });

  it('reads a version-1 mvhd whose duration needs more than 32 bits', async () => {
    const file = concat(ftyp('mp42'), box('moov', mvhd(1, 1_000_000_000, 2 ** 33)));
    const r = await check(file);
    assert.ok(r.ok && Math.abs(r.durationSec - 2 ** 33 / 1e9) < 1e-9, JSON.stringify(r));
  });

  it('finds moov after a 100 MB mdat with a few header reads', async () => {
    const size = 100 * 1024 * 1024;
    const type = ftyp('isom');
    const moov = box('moov', mvhd(0, 600, 600 * 42));
    // An mdat with a 64-bit size filling everything between ftyp and moov.
    const head = concat(type, u32(1), ascii('mdat'), u64(size - type.length - moov.length));
    const reader = sparseReader(size, [{ offset: 0, bytes: head }, { offset: size - moov.length, bytes: moov }]);
    const r = await checkVideo(reader, 'big.mp4');
    assert.deepStrictEqual(r, { ok: true, container: 'mp4', mime: 'video/mp4', durationSec: 42, bytes: size });
    assert.ok(reader.bytesRead < 4096, `read ${reader.bytesRead} bytes`);
  });

  it('refuses a file over 128 MB from its size alone, without reading it', async () => {
    const reader = sparseReader(200 * 1024 * 1024, [{ offset: 0, bytes: ftyp('isom') }]);
    const r = await checkVideo(reader, 'holiday.mp4');
    assert.deepStrictEqual(r, {
      ok: false,
      code: 'too-large',
      message: '"holiday.mp4" is 200 MB; the limit is 128 MB — split it into shorter clips or compress it (lower resolution or bitrate).',
    });
    assert.ok(reader.bytesRead < 1024, `read ${reader.bytesRead} bytes`);
  });

  it('accepts exactly the limits and refuses just past them', async () => {
    const at = sparseReader(MAX_VIDEO_BYTES, [{ offset: 0, bytes: concat(ftyp('isom'), box('moov', mvhd(0, 1000, MAX_VIDEO_SECONDS * 1000))) }]);
    // The rest of the file is zeros, which reads as a box "to the end of the file": valid, like a trailing mdat.
    assert.strictEqual((await checkVideo(at, 'edge.mp4')).ok, true);
    const over = await check(concat(ftyp('isom'), box('moov', mvhd(0, 1000, MAX_VIDEO_SECONDS * 1000 + 1))));
    assert.ok(!over.ok && over.code === 'too-long' && /5 min 1 s/.test(over.message), JSON.stringify(over));
    const big = sparseReader(MAX_VIDEO_BYTES + 1, [{ offset: 0, bytes: ftyp('isom') }]);
    assert.ok(!(await checkVideo(big, 'x')).ok);
  });

  it('uses the fragment length of a fragmented MP4 whose mvhd says 0', async () => {
    const mehd = box('mehd', [0, 0, 0, 0], u32(90_000 * 8));
    const file = concat(ftyp('iso5', 'iso6', 'mp41'), box('moov', mvhd(0, 90_000, 0), box('mvex', mehd)));
    const r = await check(file);
    assert.ok(r.ok && r.durationSec === 8, JSON.stringify(r));
  });

  it('says when an MP4 does not record its length', async () => {
    const r = await check(concat(ftyp('isom'), box('moov', mvhd(0, 1000, 0xffffffff))));
    assert.ok(!r.ok && r.code === 'no-duration', JSON.stringify(r));
    assert.match(r.message, /Can't tell how long "clip" is: its movie header marks the length as unknown/);
  });

  it('refuses an MP4 with no moov and a zero time scale', async () => {
    const noMoov = await check(concat(ftyp('isom'), box('mdat', [1, 2, 3])));
    assert.ok(!noMoov.ok && noMoov.code === 'corrupt' && /no movie header \(moov box\)/.test(noMoov.message));
    const zero = await check(concat(ftyp('isom'), box('moov', mvhd(0, 0, 10))));
    assert.ok(!zero.ok && /time scale of 0/.test(zero.message));
  });

  it('refuses a box with an impossible size', async () => {
    const r = await check(concat(ftyp('isom'), u32(4), ascii('junk')));
    assert.ok(!r.ok && r.code === 'corrupt' && /"junk" box has an impossible size of 4 bytes/.test(r.message), JSON.stringify(r));
  });

  it('tells QuickTime from MP4 by brand, and accepts a QuickTime file without ftyp', async () => {
    const qt = await check(concat(ftyp('qt  ', 'qt  '), box('moov', mvhd(0, 600, 1200))));
    assert.ok(qt.ok && qt.container === 'mov' && qt.mime === 'video/quicktime');
    const legacy = await check(concat(box('wide'), box('moov', mvhd(0, 600, 1200))));
    assert.ok(legacy.ok && legacy.container === 'mov' && legacy.durationSec === 2);
  });

  it('refuses audio-only and 3GP files with specific reasons', async () => {
    const m4a = await check(concat(ftyp('M4A ', 'M4A ', 'mp42', 'isom'), box('moov', mvhd(0, 600, 1200))));
    assert.ok(!m4a.ok && m4a.code === 'unsupported' && /audio file/.test(m4a.message));
    const gp = await check(concat(ftyp('3gp4', '3gp4', 'isom'), box('moov', mvhd(0, 600, 1200))));
    assert.ok(!gp.ok && /3GP mobile video .* convert it to MP4/.test(gp.message));
  });

  it('reads a Matroska Duration stored as float32 with the default time scale', async () => {
    const r = await check(mkv(ebml(INFO, ebml(DURATION, float32(90_500)))));
    assert.ok(r.ok && r.container === 'mkv' && r.durationSec === 90.5, JSON.stringify(r));
  });

  it('applies a Matroska TimecodeScale to a float64 Duration', async () => {
    // 1 tick = 1 s (1e9 ns): a Duration of 400 ticks is 6 min 40 s.
    const r = await check(mkv(ebml(INFO, ebml(TIMECODE_SCALE, u32(1e9)), ebml(DURATION, float64(400)))));
    assert.ok(!r.ok && r.code === 'too-long' && /6 min 40 s/.test(r.message), JSON.stringify(r));
  });

  it('finds Matroska Info placed after a Cluster of unknown size through the SeekHead', async () => {
    const cluster = concat(CLUSTER, [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], new Uint8Array(50));
    const info = ebml(INFO, ebml(DURATION, float64(12_000)));
    const seekHeadSize = ebml([0x11, 0x4d, 0x9b, 0x74], ebml([0x4d, 0xbb], ebml([0x53, 0xab], INFO), ebml([0x53, 0xac], u32(0)))).length;
    const infoPosition = seekHeadSize + cluster.length;
    const seekHead = ebml([0x11, 0x4d, 0x9b, 0x74], ebml([0x4d, 0xbb], ebml([0x53, 0xab], INFO), ebml([0x53, 0xac], u32(infoPosition))));
    const r = await check(concat(EBML_HEADER, SEGMENT, [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], seekHead, cluster, info));
    assert.ok(r.ok && r.durationSec === 12, JSON.stringify(r));
  });

  it('says when a Matroska file has no Duration, as live recordings often do', async () => {
    const r = await check(mkv(ebml(INFO, ebml(TIMECODE_SCALE, u32(1_000_000)))));
    assert.ok(!r.ok && r.code === 'no-duration', JSON.stringify(r));
    assert.match(r.message, /no Duration .* Remux it to MP4/);
  });

  it('refuses other EBML document types', async () => {
    const other = concat(ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], ascii('fancy'))), ebml(SEGMENT));
    const r = await check(other);
    assert.ok(!r.ok && r.code === 'unsupported' && /EBML file of type "fancy"/.test(r.message), JSON.stringify(r));
  });

  it('refuses bytes it cannot recognise at all', async () => {
    const r = await checkVideo(Uint8Array.from(ascii('just some text, not a movie')), 'notes.mp4');
    assert.ok(!r.ok && r.code === 'unsupported' && /"notes.mp4" is not a video format that can be recognised/.test(r.message));
  });

  it('rejects a reader with a nonsensical size instead of guessing', async () => {
    await assert.rejects(checkVideo({ size: -1, read: async () => new Uint8Array(0) }, 'x'), /whole number of bytes, got -1/);
  });

  it('passes a reader failure through rather than calling the file corrupt', async () => {
    const failing = { size: 1000, read: async () => Promise.reject(new Error('EACCES: permission denied')) };
    await assert.rejects(checkVideo(failing, 'x'), /EACCES/);
  });

  it('gives the same answer from a reader as from the bytes', async () => {
    const bytes = fixture('clip-3s-moov-at-end.mp4');
    const reader = { size: bytes.length, read: async (o: number, n: number) => bytes.slice(o, o + n) };
    assert.deepStrictEqual(await checkVideo(reader, 'a.mp4'), await checkVideo(bytes, 'a.mp4'));
  });
});
