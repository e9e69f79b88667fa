/**
 * Finding where a block of lines sits in a file, rung by rung. Every function reports
 * ALL places that qualify (up to a cap) so callers can refuse ambiguity instead of guessing.
 */
import { isBlank, lineAt, type Doc } from './text';

/** More hits than this is reported as ambiguous without listing the rest. */
export const MAX_HITS = 20;

/** Keys only ever drop whitespace around a line, so a keyed line always contains its key. */
export type LineKey = (line: string) => string;
export const keyTrimEnd: LineKey = (l) => l.trimEnd();
export const keyTrim: LineKey = (l) => l.trim();

/**
 * The indexes, in order, of the lines that contain `part` (at most `limit`). Over a file's
 * text this is a native substring search, so large files are not walked line by line in script.
 */
export type LineFinder = (part: string, limit: number) => number[];

export function scanFinder(lines: string[]): LineFinder {
  return (part, limit) => {
    const out: number[] = [];
    for (let i = 0; i < lines.length && out.length < limit; i++) if (lines[i].includes(part)) out.push(i);
    return out;
  };
}

/** Lines of `doc` containing a text, numbered as `index` says (file line → own index, -1 to skip). */
export function textFinder(doc: Doc, index?: Int32Array): LineFinder {
  return (part, limit) => {
    const out: number[] = [];
    let o = part === '' ? -1 : doc.text.indexOf(part);
    while (o !== -1 && out.length < limit) {
      const line = lineAt(doc, o);
      const i = index ? index[line] : line;
      if (i >= 0) out.push(i);
      o = doc.text.indexOf(part, doc.starts[line + 1]);
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
    for (const i of find(first, Infinity)) {
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
