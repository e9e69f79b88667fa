// MP4 and QuickTime (ISO base media) files: which of the two it is, from the 'ftyp' brands, and its length,
// from the movie header 'mvhd'. Only box headers are read, so 'moov' after a 100 MB 'mdat' costs a few reads,
// and walking every top-level box also proves the file is not cut short.

import { ascii, ByteReader, MediaFormatError, readExact, readUpTo, truncated, u32be, u64be } from './reader';

// First-box types of QuickTime files written before 'ftyp' existed.
const LEGACY_QUICKTIME_FIRST_BOXES = ['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'];
const MP4_BRANDS = ['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42', 'mp71',
  'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'msnv', 'MSNV', 'NDAS', 'XAVC', 'f4v ', 'mmp4'];
const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis'];
const AUDIO_BRANDS = ['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B '];
// A moov holds a handful of children and a file a handful of top-level boxes; this only stops runaway garbage.
const MAX_BOXES = 10_000;
const BOX_NAMES: Record<string, string> = { moov: 'movie header (moov box)', mdat: 'media data (mdat box)' };

interface Box {
  type: string;
  start: number;
  dataStart: number;
  end: number;
}

export function looksLikeIsoMedia(head: Uint8Array): boolean {
  const type = ascii(head, 4, 4);
  return type === 'ftyp' || (head.length >= 8 && LEGACY_QUICKTIME_FIRST_BOXES.includes(type));
}

export async function isoContainer(reader: ByteReader): Promise<'mp4' | 'mov'> {
  const first = await readBox(reader, 0, reader.size, 'file');
  if (first.type !== 'ftyp') return 'mov';
  if (first.end - first.dataStart < 8) throw new MediaFormatError('corrupt', 'its file type box (ftyp) is too short');
  const data = await readExact(reader, first.dataStart, Math.min(first.end - first.dataStart, 1024), 'file type box');
  const major = ascii(data, 0, 4);
  const brands = [major];
  for (let o = 8; o + 4 <= data.length; o += 4) brands.push(ascii(data, o, 4));
  const label = major.trim() || '(blank)';
  if (major === 'qt  ') return 'mov';
  if (brands.some((b) => HEIF_BRANDS.includes(b))) {
    throw new MediaFormatError('unsupported', `a HEIF/AVIF still image (brand "${label}")`, 'image');
  }
  if (AUDIO_BRANDS.includes(major)) throw new MediaFormatError('unsupported', `an audio file (brand "${label}")`, 'audio');
  if (major.startsWith('3g')) throw new MediaFormatError('unsupported', `a 3GP mobile video (brand "${label}")`);
  if (brands.some((b) => MP4_BRANDS.includes(b))) return 'mp4';
  if (brands.includes('qt  ')) return 'mov';
  throw new MediaFormatError('unsupported', `an ISO media file of brand "${label}", which is neither MP4 nor QuickTime`, 'file');
}

/** Length in seconds from 'mvhd' (version 0 or 1), or from 'mehd' for fragmented files whose mvhd says 0. */
export async function isoDurationSec(reader: ByteReader): Promise<number> {
  // Every top-level box is visited, not just up to 'moov': a fast-start file cut off inside 'mdat' must fail too.
  let moov: Box | undefined;
  for await (const box of boxes(reader, 0, reader.size, 'file')) {
    if (!moov && box.type === 'moov') moov = box;
  }
  if (!moov) {
    throw new MediaFormatError(
      'corrupt',
      'it has no movie header (moov box), so no player can open it — usually a recording that was never finished',
    );
  }
  const mvhd = await findBox(reader, moov.dataStart, moov.end, 'mvhd', 'movie header');
  if (!mvhd) throw new MediaFormatError('corrupt', 'its movie header has no mvhd box');
  const body = await readUpTo(reader, mvhd.dataStart, Math.min(32, mvhd.end - mvhd.dataStart));
  const version = body[0];
  if (version !== 0 && version !== 1) throw new MediaFormatError('corrupt', `its mvhd box has unknown version ${version}`);
  if (body.length < (version === 1 ? 32 : 20)) throw new MediaFormatError('corrupt', 'its mvhd box is too short');
  const timescale = u32be(body, version === 1 ? 20 : 12);
  const unknown = version === 1 ? u32be(body, 24) === 0xffffffff && u32be(body, 28) === 0xffffffff : u32be(body, 16) === 0xffffffff;
  const duration = version === 1 ? u64be(body, 24) : u32be(body, 16);
  if (timescale === 0) throw new MediaFormatError('corrupt', 'its mvhd box has a time scale of 0');
  if (!unknown && duration > 0) return duration / timescale;
  const fragments = await fragmentDuration(reader, moov);
  if (fragments !== undefined && fragments > 0) return fragments / timescale;
  throw new MediaFormatError(
    'no-duration',
    unknown ? 'its movie header marks the length as unknown' : 'its movie header gives a length of 0 and no fragment length',
  );
}

// Fragmented MP4 keeps the overall length in moov/mvex/mehd.
async function fragmentDuration(reader: ByteReader, moov: Box): Promise<number | undefined> {
  const mvex = await findBox(reader, moov.dataStart, moov.end, 'mvex', 'movie header');
  if (!mvex) return undefined;
  const mehd = await findBox(reader, mvex.dataStart, mvex.end, 'mehd', 'movie extends box');
  if (!mehd) return undefined;
  const body = await readUpTo(reader, mehd.dataStart, Math.min(12, mehd.end - mehd.dataStart));
  if (body[0] === 1 && body.length >= 12) return u64be(body, 4);
  if (body[0] === 0 && body.length >= 8) return u32be(body, 4);
  throw new MediaFormatError('corrupt', 'its mehd box is malformed');
}

async function findBox(reader: ByteReader, start: number, end: number, type: string, parent: string): Promise<Box | undefined> {
  for await (const box of boxes(reader, start, end, parent)) {
    if (box.type === type) return box;
  }
  return undefined;
}

async function* boxes(reader: ByteReader, start: number, end: number, parent: string): AsyncGenerator<Box> {
  let offset = start;
  for (let count = 0; offset < end; count++) {
    if (count >= MAX_BOXES) throw new MediaFormatError('corrupt', `its ${parent} holds more than ${MAX_BOXES} boxes`);
    // Some writers end a parent with a 4-byte zero terminator; fewer than 8 bytes cannot hold a box.
    if (end - offset < 8) {
      if (end - offset === 4 && u32be(await readExact(reader, offset, 4, parent), 0) === 0) return;
      throw truncated(parent);
    }
    const box = await readBox(reader, offset, end, parent);
    yield box;
    offset = box.end;
  }
}

async function readBox(reader: ByteReader, offset: number, limit: number, parent: string): Promise<Box> {
  const head = await readUpTo(reader, offset, Math.min(16, limit - offset));
  if (head.length < 8) throw truncated(parent);
  const type = ascii(head, 4, 4);
  let size = u32be(head, 0);
  let headerSize = 8;
  if (size === 1) {
    if (head.length < 16) throw truncated(`"${type}" box header`);
    size = u64be(head, 8);
    headerSize = 16;
  } else if (size === 0) {
    size = limit - offset; // "extends to the end of the file"
  }
  if (size < headerSize) throw new MediaFormatError('corrupt', `its "${type}" box has an impossible size of ${size} bytes`);
  if (offset + size > limit) throw truncated(BOX_NAMES[type] ?? `"${type}" box`);
  return { type, start: offset, dataStart: offset + headerSize, end: offset + size };
}
