/**
 * The elision rung: a block whose search text stands for some of its code with "..."
 * placeholders is placed segment by segment, and the code the placeholders stand for is kept.
 */
import { isElisionLine, readElided, splitAtElisions } from './elision';
import { fuzzyLocate } from './fuzzy';
import { keyTrim, keyTrimEnd } from './locate';
import { transplant, width } from './reindent';
import { isBlank, leadingWhitespace, spliceDoc, type Doc, type OutLine } from './text';
import type { MatchFailure } from './types';

/** Where the closest text is when a block cannot be placed (for the not-found message). */
export interface Nearest {
  start: number;
  height: number;
  score: number;
  /** Similar overall, but its ends do not line up: lines were added or removed there. */
  misaligned?: boolean;
}

export type ElidedOutcome =
  | { kind: 'placed'; text: string; startLine: number; endLine: number }
  | { kind: 'failed'; failure: MatchFailure }
  | { kind: 'none'; nearest?: Nearest };

type Ranges = (starts: number[], height: number) => { text: string; ranges: Array<{ startLine: number; endLine: number }> };

export function placeElided(doc: Doc, sl: string[], rl: string[], tabs: boolean, name: string, ranges: Ranges): ElidedOutcome {
  const sSegs = splitAtElisions(sl);
  const rSegs = splitAtElisions(rl);
  const markers = sl.filter((l) => isElisionLine(l));
  // A placeholder at the very start or end of both means "code around here": nothing to place.
  if (sSegs.length > 1 && sSegs[0].length === 0 && rSegs.length > 1 && rSegs[0].length === 0) {
    sSegs.shift();
    rSegs.shift();
    markers.shift();
  }
  if (sSegs.length > 1 && sSegs[sSegs.length - 1].length === 0 && rSegs.length > 1 && rSegs[rSegs.length - 1].length === 0) {
    sSegs.pop();
    rSegs.pop();
    markers.pop();
  }
  const invalid = (message: string): ElidedOutcome => ({ kind: 'failed', failure: { reason: 'invalid', message } });
  if (sSegs.length !== rSegs.length) {
    return invalid(
      `${name}: the search text has ${sSegs.length - 1} "..." placeholder(s) but the replacement has ${rSegs.length - 1}, so it is unclear what happens to the code they stand for; repeat the placeholders one for one or write the code out.`,
    );
  }
  if (sSegs.some((s) => s.length === 0 || s.every(isBlank))) {
    return invalid(`${name}: a "..." placeholder has no real code on one side of it in the search text, so it cannot be placed.`);
  }
  // Exact indentation first (like the rungs above), then ignoring it.
  const gap = indentedGap(doc, sl, sSegs, markers);
  const strict = readElided(doc.lines, sSegs, gap, keyTrimEnd);
  const reading = strict.kind === 'none' ? readElided(doc.lines, sSegs, gap, keyTrim) : strict;
  if (reading.kind === 'many') {
    const rs = ranges(reading.candidates, sSegs[0].length);
    return {
      kind: 'failed',
      failure: {
        reason: 'ambiguous',
        message: `${name}: the code around the "..." placeholders fits the file in more than one way (lines ${rs.text}); quote the intended lines exactly.`,
        candidates: rs.ranges,
      },
    };
  }
  if (reading.kind === 'none') {
    const seg = sSegs[reading.missing];
    const fz = fuzzyLocate(doc.lines, seg);
    return { kind: 'none', nearest: fz.best && { start: fz.best.start, height: seg.length, score: fz.best.score } };
  }
  const pos = reading.positions;
  const out: OutLine[] = [];
  for (let k = 0; k < sSegs.length; k++) {
    const start = pos[k];
    const end = start + sSegs[k].length;
    out.push(...transplant(sSegs[k], rSegs[k], doc.lines.slice(start, end), start, tabs));
    if (k + 1 < sSegs.length) for (let i = end; i < pos[k + 1]; i++) out.push({ text: doc.lines[i], from: i });
  }
  const last = pos[pos.length - 1] + sSegs[sSegs.length - 1].length;
  return { kind: 'placed', text: spliceDoc(doc, pos[0], last, out), startLine: pos[0] + 1, endLine: last };
}

/**
 * An indented placeholder stands for code at its indentation or deeper: the elided file lines
 * may not step out of that level. This is what makes "{ ... }" inside one function one reading.
 */
function indentedGap(doc: Doc, sl: string[], segs: string[][], markers: string[]) {
  const base = Math.min(...sl.filter((l) => !isBlank(l) && !isElisionLine(l)).map((l) => width(leadingWhitespace(l))));
  return (k: number, segStart: number, from: number, to: number): boolean => {
    const mw = width(leadingWhitespace(markers[k] ?? ''));
    if (mw <= base) return true;
    const j = segs[k].findIndex((l) => !isBlank(l));
    const offset = width(leadingWhitespace(doc.lines[segStart + j])) - width(leadingWhitespace(segs[k][j]));
    const min = mw + offset;
    for (let i = from; i < to; i++) {
      const line = doc.lines[i];
      if (!isBlank(line) && width(leadingWhitespace(line)) < min) return false;
    }
    return true;
  };
}
