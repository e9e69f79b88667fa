// Decides whether a video can be sent to the Step API: MP4, QuickTime or Matroska, under 128 MB, under 5 minutes
// (docs/step-api-notes.md, "Images and video"). The container is recognised by its bytes and the length read from
// the container itself, never guessed from the name. Big files are read through a ByteReader, a few header bytes at a time.

import { describeBytes } from '../../shared/media';
import { ebmlDocType, looksLikeEbml, matroskaDurationSec } from './matroska';
import { isoContainer, isoDurationSec, looksLikeIsoMedia } from './isoBmff';
import { ByteReader, ByteSource, MediaFormatError, readUpTo, toReader } from './reader';

export type { ByteReader, ByteSource } from './reader';

/** Limits are inclusive: a clip of exactly 300 s or exactly 128 MB is accepted. */
export const MAX_VIDEO_BYTES = 128 * 1024 * 1024;
export const MAX_VIDEO_SECONDS = 300;

export type VideoContainer = 'mp4' | 'mov' | 'mkv';
export type VideoMime = 'video/mp4' | 'video/quicktime' | 'video/x-matroska';
export type VideoRejectCode = 'too-large' | 'too-long' | 'unsupported' | 'webm' | 'corrupt' | 'no-duration';

export type VideoCheck =
  | { ok: true; container: VideoContainer; mime: VideoMime; durationSec: number; bytes: number }
  | { ok: false; code: VideoRejectCode; message: string };

const MIME: Record<VideoContainer, VideoMime> = { mp4: 'video/mp4', mov: 'video/quicktime', mkv: 'video/x-matroska' };
const ACCEPTED = 'only MP4, MOV and MKV videos can be sent';
const CONVERT = 'convert it to MP4 (for example: ffmpeg -i input output.mp4) and attach that';

/**
 * Checks a video by its bytes. `name` is used only to name the file in messages. A reader that fails
 * (I/O error) rejects the returned promise; every problem with the file itself is a `{ ok: false }` result.
 */
export async function checkVideo(source: ByteSource, name: string): Promise<VideoCheck> {
  const reader = toReader(source);
  const subject = name.trim() ? `"${name.trim()}"` : 'This video';
  if (reader.size === 0) {
    return { ok: false, code: 'corrupt', message: `${subject} is empty (0 bytes) — save or download it again, then attach it.` };
  }
  try {
    const { container, bodyOffset } = await identify(reader);
    if (reader.size > MAX_VIDEO_BYTES) {
      return {
        ok: false,
        code: 'too-large',
        message:
          `${subject} is ${describeBytes(reader.size)}; the limit is ${describeBytes(MAX_VIDEO_BYTES)} — ` +
          'split it into shorter clips or compress it (lower resolution or bitrate).',
      };
    }
    const durationSec = container === 'mkv' ? await matroskaDurationSec(reader, bodyOffset) : await isoDurationSec(reader);
    if (durationSec > MAX_VIDEO_SECONDS) {
      return {
        ok: false,
        code: 'too-long',
        message: `${subject} is ${formatDuration(durationSec)}; the limit is 5 minutes — split it into shorter clips.`,
      };
    }
    return { ok: true, container, mime: MIME[container], durationSec, bytes: reader.size };
  } catch (e) {
    if (e instanceof MediaFormatError) return { ok: false, code: e.code, message: explain(e, subject) };
    throw e;
  }
}

/** "45 s", "7 min 12 s", "5 min", "1 h 2 min 3 s"; rounds up so a clip just over a limit never reads as at it. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`formatDuration needs seconds of 0 or more, got ${seconds}`);
  const total = Math.ceil(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', s || total === 0 ? `${s} s` : ''];
  return parts.filter(Boolean).join(' ');
}

async function identify(reader: ByteReader): Promise<{ container: VideoContainer; bodyOffset: number }> {
  const head = await readUpTo(reader, 0, 64);
  if (looksLikeIsoMedia(head)) return { container: await isoContainer(reader), bodyOffset: 0 };
  if (looksLikeEbml(head)) {
    const { docType, end } = await ebmlDocType(reader);
    if (docType === 'matroska') return { container: 'mkv', bodyOffset: end };
    if (docType === 'webm') throw new MediaFormatError('webm', 'a WebM video');
    throw new MediaFormatError('unsupported', `an EBML file of type "${docType}", not a Matroska video`, 'file');
  }
  const other = OTHER_FORMATS.find((f) => f.test(head));
  if (other) throw new MediaFormatError('unsupported', other.what, other.kind);
  throw new MediaFormatError('unsupported', 'not a video format that can be recognised', 'file');
}

const str = (b: Uint8Array, offset: number, s: string): boolean =>
  b.length >= offset + s.length && [...s].every((c, i) => b[offset + i] === c.charCodeAt(0));

// Recognised only to say what the file is instead of "unknown".
const OTHER_FORMATS: { what: string; kind: MediaFormatError['kind']; test(b: Uint8Array): boolean }[] = [
  { what: 'an AVI video', kind: 'video', test: (b) => str(b, 0, 'RIFF') && str(b, 8, 'AVI ') },
  { what: 'a WAV audio file', kind: 'audio', test: (b) => str(b, 0, 'RIFF') && str(b, 8, 'WAVE') },
  { what: 'a WebP image', kind: 'image', test: (b) => str(b, 0, 'RIFF') && str(b, 8, 'WEBP') },
  { what: 'a Flash video (FLV)', kind: 'video', test: (b) => str(b, 0, 'FLV') },
  { what: 'an Ogg file', kind: 'video', test: (b) => str(b, 0, 'OggS') },
  { what: 'a Windows Media file (WMV/ASF)', kind: 'video', test: (b) => str(b, 0, '\x30\x26\xb2\x75') },
  { what: 'an MPEG program stream', kind: 'video', test: (b) => str(b, 0, '\x00\x00\x01\xba') },
  { what: 'an MPEG transport stream (.ts)', kind: 'video', test: (b) => b[0] === 0x47 && (b.length < 189 || b[188] === 0x47) },
  { what: 'a GIF image', kind: 'image', test: (b) => str(b, 0, 'GIF8') },
  { what: 'a PNG image', kind: 'image', test: (b) => str(b, 0, '\x89PNG') },
  { what: 'a JPEG image', kind: 'image', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { what: 'an MP3 audio file', kind: 'audio', test: (b) => str(b, 0, 'ID3') },
];

function explain(e: MediaFormatError, subject: string): string {
  switch (e.code) {
    case 'corrupt':
      return `${subject} can't be read: ${e.message}. Export or download it again, then attach it.`;
    case 'no-duration':
      return (
        `Can't tell how long ${subject} is: ${e.message}, so the 5-minute limit can't be checked. ` +
        'Remux it to MP4 (for example: ffmpeg -i input -c copy output.mp4) and attach that.'
      );
    case 'webm':
      return `${subject} is a WebM video. WebM is built on Matroska, but the Step API does not accept it: ${ACCEPTED} — ${CONVERT}.`;
    case 'unsupported':
      if (e.kind === 'image') return `${subject} is ${e.message}, not a video — attach it as an image instead.`;
      if (e.kind === 'audio') return `${subject} is ${e.message}, not a video; ${ACCEPTED}.`;
      return `${subject} is ${e.message}; ${ACCEPTED} — ${CONVERT}.`;
  }
}
