// Matroska (MKV) and WebM, both EBML: the DocType tells them apart, and Segment › Info holds the length as
// Duration (a float32 or float64 count of ticks) × TimecodeScale (nanoseconds per tick, default 1 ms).
// Only element headers and the small Info/SeekHead elements are read; Clusters are skipped by size.

import { ByteReader, MediaFormatError, readExact, readUpTo, truncated } from './reader';

const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  seek: 0x4dbb,
  seekId: 0x53ab,
  seekPosition: 0x53ac,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
} as const;

const MAX_ELEMENTS = 10_000;
// Info and SeekHead are a few dozen bytes in practice; anything huge is damage, not data.
const MAX_SMALL_ELEMENT = 64 * 1024;

interface Element {
  id: number;
  start: number;
  dataStart: number;
  /** undefined = "unknown size", which live recorders write for Segment and Cluster */
  size: number | undefined;
}

export function looksLikeEbml(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3;
}

/** The EBML DocType ('matroska', 'webm', …) and where the header ends. */
export async function ebmlDocType(reader: ByteReader): Promise<{ docType: string; end: number }> {
  const header = await readElement(reader, 0, 'EBML header');
  const data = await readSmall(reader, header, 'EBML header', 4096);
  let docType = 'matroska'; // the EBML default when the element is absent
  for (const child of children(data, 'EBML header')) {
    if (child.id === ID.docType) docType = String.fromCharCode(...child.data).replace(/\0+$/, '');
  }
  return { docType, end: header.dataStart + (header.size ?? 0) };
}

export async function matroskaDurationSec(reader: ByteReader, segmentOffset: number): Promise<number> {
  const segment = await readElement(reader, segmentOffset, 'segment header');
  if (segment.id !== ID.segment) throw new MediaFormatError('corrupt', 'its EBML header is not followed by a Segment');
  const segmentEnd = segment.size === undefined ? reader.size : segment.dataStart + segment.size;
  if (segmentEnd > reader.size) throw truncated('segment');
  let infoOffset: number | undefined; // from the SeekHead, for files that put Info after the Clusters
  let offset = segment.dataStart;
  for (let count = 0; offset < segmentEnd; count++) {
    if (count >= MAX_ELEMENTS) break;
    const element = await readElement(reader, offset, 'segment');
    if (element.id === ID.info) return parseInfo(await readSmall(reader, element, 'Segment Info', MAX_SMALL_ELEMENT));
    if (element.id === ID.seekHead) {
      infoOffset = infoPosition(await readSmall(reader, element, 'SeekHead', MAX_SMALL_ELEMENT), segment.dataStart) ?? infoOffset;
    }
    if (element.size === undefined) {
      // Cannot skip an element of unknown size; only the SeekHead can say where Info is.
      if (infoOffset === undefined || infoOffset <= offset) break;
      offset = infoOffset;
      continue;
    }
    offset = element.dataStart + element.size;
    if (offset > segmentEnd) throw truncated('segment');
  }
  throw new MediaFormatError('no-duration', 'it has no Segment Info with a Duration');
}

function parseInfo(data: Uint8Array): number {
  let scale = 1_000_000;
  let duration: number | undefined;
  for (const child of children(data, 'Segment Info')) {
    if (child.id === ID.timecodeScale) scale = readUint(child.data);
    if (child.id === ID.duration) {
      const view = new DataView(child.data.buffer, child.data.byteOffset, child.data.byteLength);
      if (child.data.length === 4) duration = view.getFloat32(0);
      else if (child.data.length === 8) duration = view.getFloat64(0);
      else throw new MediaFormatError('corrupt', `its Duration is ${child.data.length} bytes long, not 4 or 8`);
    }
  }
  if (duration === undefined) {
    throw new MediaFormatError('no-duration', 'its Segment Info has no Duration (usual for live or interrupted recordings)');
  }
  if (!Number.isFinite(duration) || duration < 0) throw new MediaFormatError('corrupt', `its Duration is ${duration}`);
  if (scale === 0) throw new MediaFormatError('corrupt', 'its TimecodeScale is 0');
  if (duration === 0) throw new MediaFormatError('no-duration', 'its Duration is 0');
  return (duration * scale) / 1e9;
}

function infoPosition(seekHead: Uint8Array, segmentDataStart: number): number | undefined {
  for (const seek of children(seekHead, 'SeekHead')) {
    if (seek.id !== ID.seek) continue;
    let id: number | undefined;
    let position: number | undefined;
    for (const field of children(seek.data, 'Seek entry')) {
      if (field.id === ID.seekId) id = readUint(field.data);
      if (field.id === ID.seekPosition) position = readUint(field.data);
    }
    if (id === ID.info && position !== undefined) return segmentDataStart + position;
  }
  return undefined;
}

function* children(data: Uint8Array, parent: string): Generator<{ id: number; data: Uint8Array }> {
  let offset = 0;
  while (offset < data.length) {
    const header = parseHeader(data, offset, parent);
    if (header.size === undefined) throw new MediaFormatError('corrupt', `an element inside its ${parent} has no size`);
    const end = header.dataStart + header.size;
    if (end > data.length) throw new MediaFormatError('corrupt', `an element overruns its ${parent}`);
    yield { id: header.id, data: data.subarray(header.dataStart, end) };
    offset = end;
  }
}

async function readElement(reader: ByteReader, offset: number, what: string): Promise<Element> {
  const head = await readUpTo(reader, offset, 12); // 4-byte ID + 8-byte size at most
  const header = parseHeader(head, 0, what);
  return { ...header, start: offset, dataStart: offset + header.dataStart };
}

async function readSmall(reader: ByteReader, element: Element, what: string, max: number): Promise<Uint8Array> {
  if (element.size === undefined || element.size > max) {
    throw new MediaFormatError('corrupt', `its ${what} has an implausible size`);
  }
  return readExact(reader, element.dataStart, element.size, what);
}

function parseHeader(b: Uint8Array, offset: number, what: string): { id: number; dataStart: number; size: number | undefined } {
  const id = readVint(b, offset, true, what);
  if (id.length > 4) throw new MediaFormatError('corrupt', `its ${what} has an element ID longer than 4 bytes`);
  const size = readVint(b, offset + id.length, false, what);
  return { id: id.value, dataStart: offset + id.length + size.length, size: size.allOnes ? undefined : size.value };
}

// EBML variable-length integer: the count of leading zero bits in the first byte gives the length.
function readVint(b: Uint8Array, offset: number, keepMarker: boolean, what: string): { value: number; length: number; allOnes: boolean } {
  if (offset >= b.length) throw truncated(what);
  const first = b[offset];
  if (first === 0) throw new MediaFormatError('corrupt', `its ${what} has an invalid length marker`);
  const length = Math.clz32(first) - 23;
  if (offset + length > b.length) throw truncated(what);
  const mask = 0xff >> length;
  let value = keepMarker ? first : first & mask;
  let allOnes = (first & mask) === mask;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[offset + i];
    allOnes &&= b[offset + i] === 0xff;
  }
  if (!keepMarker && !allOnes && value > Number.MAX_SAFE_INTEGER) {
    throw new MediaFormatError('corrupt', `its ${what} has an impossible size`);
  }
  return { value, length, allOnes };
}

function readUint(data: Uint8Array): number {
  let value = 0;
  for (const byte of data) value = value * 256 + byte;
  return value;
}
