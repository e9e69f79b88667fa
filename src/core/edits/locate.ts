/**
 * Finding where a block of lines sits in a file, rung by rung. Every function reports
 * ALL places that qualify (up to a cap) so callers can refuse ambiguity instead of guessing.
 */
import { isBlank, lineAt, type Doc } from './text';

/** More hits than this is reported as ambiguous without listing the rest. */
export const MAX_HITS = 20;

/** Keys only ever drop whitespace around a line, so a keyed line always contains its key. */
export type LineKey = (line: string) => string;
export const keyExact: LineKey = (l) => l;
export const keyTrimEnd: LineKey = (l) => l.trimEnd();
export const keyTrim: LineKey = (l) => l.trim();

/** A whole line equal to the part: exactly, but for trailing whitespace, or but for whitespace around it. */
type Whole = 'exact' | 'trimEnd' | 'trim';
const WHOLE = new Map<LineKey, Whole>([
  [keyExact, 'exact'],
  [keyTrimEnd, 'trimEnd'],
  [keyTrim, 'trim'],
]);

/**
 * The indexes, in order, of the lines that contain `part` (at most `limit`), or, with `whole`,
 * that are `part` as the key sees it. Over a file's text this is a native search (indexOf or a
 * line-anchored regular expression), so large files are not walked line by line in script.
 */
export type LineFinder = (part: string, limit: number, whole?: Whole) => number[];

export function scanFinder(lines: string[]): LineFinder {
  return (part, limit) => {
    const out: number[] = [];
    for (let i = 0; i < lines.length && out.length < limit; i++) if (lines[i].includes(part)) out.push(i);
    return out;
  };
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 160 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;

/** Whether the text at [from, to) holds only whitespace (only a CR when `crOnly`). */
function blankBetween(text: string, from: number, to: number, crOnly: boolean): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (crOnly ? c !== 13 : !isSpace(c)) return false;
  }
  return true;
}

/** Lines of `doc` containing a text, numbered as `index` says (file line → own index, -1 to skip). */
export function textFinder(doc: Doc, index?: Int32Array): LineFinder {
  const { text, starts } = doc;
  return (part, limit, whole) => {
    const out: number[] = [];
    if (part === '') return out;
    for (let o = text.indexOf(part); o !== -1 && out.length < limit; ) {
      const line = lineAt(doc, o);
      const lineEnd = starts[line + 1] - (line + 1 < doc.lines.length || doc.finalNewline ? 1 : 0);
      // The first occurrence on a line decides: a whole-line match can start nowhere later.
      const fits =
        !whole ||
        ((whole === 'trim' ? blankBetween(text, starts[line], o, false) : o === starts[line]) && blankBetween(text, o + part.length, lineEnd, whole === 'exact'));
      const i = index ? index[line] : line;
      if (fits && i >= 0) out.push(i);
      o = text.indexOf(part, starts[line + 1]);
    }
    return out;
  };
}

/** Start indexes of every window of `file` whose keyed lines equal the keyed search lines. */
export function findLineMatches(file: string[], search: string[], key: LineKey, from = 0, limit = MAX_HITS + 1, find?: LineFinder): number[] {
  const hits: number[] = [];
  const m = search.length;
  if (m === 0) return hits;
  const want = search.map(key);
  const first = want[0];
  const test = (i: number) => {
    if (i < from || i + m > file.length || key(file[i]) !== first) return false;
    let j = 1;
    while (j < m && key(file[i + j]) === want[j]) j++;
    return j === m;
  };
  if (find && first !== '') {
    for (const i of find(first, Infinity, WHOLE.get(key))) {
      if (test(i)) hits.push(i);
      if (hits.length >= limit) break;
    }
    return hits;
  }
  for (let i = from; i + m <= file.length; i++) {
    const line = file[i];
    // A native substring test first: most lines are rejected without keying (allocating) them.
    if (first === '' ? !isBlank(line) : !line.includes(first)) continue;
    if (test(i)) {
      hits.push(i);
      if (hits.length >= limit) break;
    }
  }
  return hits;
}

/** The non-blank lines of a file and where each sits, for matching that ignores blank lines. */
export interface Projection {
  lines: string[];
  /** File index of each projected line. */
  at: number[];
  /** Projected index of each file line, -1 for blank lines. */
  index: Int32Array;
}

export function project(lines: string[]): Projection {
  const out: string[] = [];
  const at: number[] = [];
  const index = new Int32Array(lines.length).fill(-1);
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    index[i] = out.length;
    out.push(lines[i]);
    at.push(i);
  }
  return { lines: out, at, index };
}
