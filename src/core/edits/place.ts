/**
 * The matching ladder for one block: exact, whitespace, indentation, fuzzy, elision.
 * Stops at the first rung with a UNIQUE hit; two or more hits on a rung is a refusal,
 * never a guess (looser rungs could only find more).
 */
import { isElisionLine, readElided, splitAtElisions } from './elision';
import { exactHits, pickExact, spliceExact } from './exact';
import { findLineMatches, fuzzyLocate, keyTrim, keyTrimEnd, MAX_HITS, type LineKey } from './locate';
import { transplant, usesTabs, width } from './reindent';
import { lineSimilarity, squash } from './similarity';
import { blockLines, isBlank, joinDoc, leadingWhitespace, lineOfOffset, replaceLines, splitDoc, type Doc, type OutLine } from './text';
import type { BlockResult, MatchFailure, MatchRung } from './types';

export const FUZZY_THRESHOLD = 0.8;
/**
 * The best fuzzy window must beat the runner-up by this much to count as one clear place,
 * or be at least RELATIVE_MARGIN times closer to the search text (and still ahead by MIN_MARGIN):
 * 99% vs 96.5% similar means a third of the differences, which is clear; 85% vs 80% is not.
 */
export const FUZZY_MARGIN = 0.08;
const RELATIVE_MARGIN = 3;
const MIN_MARGIN = 0.02;

export function clearlyBest(best: number, second: number | undefined): boolean {
  if (second === undefined) return true;
  const gap = best - second;
  return gap >= FUZZY_MARGIN || (gap >= MIN_MARGIN && 1 - second >= RELATIVE_MARGIN * (1 - best));
}

export interface PlaceOptions {
  index: number;
  /** Unified-diff hunks: whole lines only, and the hunk's line number may break a tie. */
  lineOnly?: boolean;
  /** 0-based line where the block is expected; used only to choose between equal hits. */
  hint?: number;
}

export type Placed = { ok: true; text: string; block: BlockResult } | { ok: false; block: BlockResult };

const identity: LineKey = (l) => l;

function label(opts: PlaceOptions): string {
  return `${opts.lineOnly ? 'Hunk' : 'Block'} ${opts.index + 1}`;
}

function ranges(starts: number[], height: number): Array<{ startLine: number; endLine: number }> {
  return starts.slice(0, MAX_HITS).map((s) => ({ startLine: s + 1, endLine: s + Math.max(height, 1) }));
}

function describe(rs: Array<{ startLine: number; endLine: number }>): string {
  return rs.map((r) => (r.startLine === r.endLine ? `${r.startLine}` : `${r.startLine}-${r.endLine}`)).join(', ');
}

function byHint(hits: number[], hint: number | undefined): number | undefined {
  if (hint === undefined) return undefined;
  const at = hits.filter((h) => h === hint);
  return at.length === 1 ? at[0] : undefined;
}

function trimBlankEdges(search: string[], replace: string[]): [string[], string[]] {
  const s = [...search];
  const r = [...replace];
  while (s.length && isBlank(s[0])) {
    s.shift();
    if (r.length && isBlank(r[0])) r.shift();
  }
  while (s.length && isBlank(s[s.length - 1])) {
    s.pop();
    if (r.length && isBlank(r[r.length - 1])) r.pop();
  }
  return [s, r];
}

export function placeBlock(text: string, search: string, replace: string, opts: PlaceOptions): Placed {
  return placeLines(text, search, replace, blockLines(search), blockLines(replace), opts);
}

export function placeLines(text: string, search: string, replace: string, searchLines: string[], replaceLines_: string[], opts: PlaceOptions): Placed {
  const name = label(opts);
  const fail = (f: MatchFailure): Placed => ({ ok: false, block: { ok: false, index: opts.index, ...f } });
  const ok = (newText: string, rung: MatchRung, startLine: number, endLine: number): Placed => ({
    ok: true,
    text: newText,
    block: { ok: true, rung, startLine, endLine },
  });

  const searchElides = searchLines.some((l) => isElisionLine(l));
  const stray = replaceLines_.find((l) => isElisionLine(l) && !searchLines.some((s) => s.trim() === l.trim()));
  if (stray !== undefined && !searchElides) {
    return fail({
      reason: 'invalid',
      message: `${name}: the replacement contains the placeholder line "${stray.trim()}" but the search text has none, so it is unclear which existing code it stands for; write that code out in full.`,
    });
  }

  if (searchLines.every(isBlank)) {
    if (text.trim() !== '') {
      return fail({
        reason: 'invalid',
        message: `${name}: the search text is empty but the file is not; quote the lines to replace (or to insert after) exactly.`,
      });
    }
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const inserted = replace.replace(/\r?\n/g, eol);
    return ok(inserted, 'exact', 1, Math.max(1, blockLines(inserted).length));
  }

  if (!opts.lineOnly) {
    const { hit, competing } = pickExact(exactHits(text, search));
    if (hit) {
      const startLine = lineOfOffset(text, hit.start);
      const endLine = startLine + blockLines(search).length - 1;
      return ok(spliceExact(text, hit, replace), 'exact', startLine, Math.max(startLine, endLine));
    }
    if (competing.length > 1) {
      const height = blockLines(search).length;
      const rs = competing.slice(0, MAX_HITS).map((h) => {
        const s = lineOfOffset(text, h.start);
        return { startLine: s, endLine: s + Math.max(height, 1) - 1 };
      });
      return fail({
        reason: 'ambiguous',
        message: `${name}: the search text occurs ${competing.length >= 50 ? '50 or more' : competing.length} times (lines ${describe(rs)}); include more surrounding lines so it matches exactly one place.`,
        candidates: rs,
      });
    }
  }

  const doc = splitDoc(text);
  const [sl, rl] = trimBlankEdges(searchLines, replaceLines_);
  const tabs = usesTabs(doc.lines);
  const rungs: Array<[MatchRung, LineKey]> = [
    ['exact', identity],
    ['whitespace', keyTrimEnd],
    ['indentation', keyTrim],
  ];
  for (const [rung, key] of rungs) {
    if (rung === 'exact' && !opts.lineOnly) continue; // the raw-text rung above already covered it
    const hits = findLineMatches(doc.lines, sl, key);
    if (hits.length === 0) continue;
    const chosen = hits.length === 1 ? hits[0] : byHint(hits, opts.hint);
    if (chosen === undefined) return ambiguous(name, rung, hits, sl.length, fail);
    return windowReplace(doc, chosen, sl, rl, tabs, rung, ok);
  }

  let nearest: Nearest | undefined;
  if (!searchElides) {
    const fuzzy = tryFuzzy(doc, sl, opts);
    if (fuzzy.kind === 'placed') return windowReplace(doc, fuzzy.start, sl, rl, tabs, 'fuzzy', ok);
    if (fuzzy.kind === 'ambiguous') {
      const rs = ranges(fuzzy.starts, sl.length);
      return fail({
        reason: 'ambiguous',
        message: `${name}: the search text is not in the file, and ${fuzzy.starts.length} places resemble it about equally (lines ${describe(rs)}); quote the intended lines exactly.`,
        candidates: rs,
      });
    }
    nearest = fuzzy.nearest;
  } else {
    const elided = placeElided(doc, sl, rl, tabs, name, fail, ok);
    if (elided.kind === 'done') return elided.placed;
    nearest = elided.nearest;
  }
  return notFound(doc, sl, rl, name, nearest, fail);
}

function ambiguous(name: string, rung: MatchRung, hits: number[], height: number, fail: (f: MatchFailure) => Placed): Placed {
  const rs = ranges(hits, height);
  const how = rung === 'exact' ? '' : rung === 'whitespace' ? ' (ignoring trailing whitespace)' : ' (ignoring indentation)';
  const count = hits.length > MAX_HITS ? `more than ${MAX_HITS}` : String(hits.length);
  return fail({
    reason: 'ambiguous',
    message: `${name}: the search text matches ${count} places${how} (lines ${describe(rs)}); include more surrounding lines so it matches exactly one place.`,
    candidates: rs,
  });
}

type Ok = (newText: string, rung: MatchRung, startLine: number, endLine: number) => Placed;

function windowReplace(doc: Doc, start: number, sl: string[], rl: string[], tabs: boolean, rung: MatchRung, ok: Ok): Placed {
  const window = doc.lines.slice(start, start + sl.length);
  const out = transplant(sl, rl, window, start, tabs);
  return ok(joinDoc(replaceLines(doc, start, start + sl.length, out)), rung, start + 1, start + sl.length);
}

type FuzzyOutcome =
  | { kind: 'placed'; start: number }
  | { kind: 'ambiguous'; starts: number[] }
  | { kind: 'none'; nearest?: Nearest };

interface Nearest {
  start: number;
  height: number;
  score: number;
  /** Similar overall, but its ends do not line up: lines were added or removed there. */
  misaligned?: boolean;
}

function tryFuzzy(doc: Doc, sl: string[], opts: PlaceOptions): FuzzyOutcome {
  const { best, second } = fuzzyLocate(doc.lines, sl);
  if (!best) return { kind: 'none' };
  const nearest = { start: best.start, height: sl.length, score: best.score };
  const substantial = sl.filter((l) => !isBlank(l)).length >= 2 && sl.map(squash).join('').length >= 24;
  if (!substantial || best.score < FUZZY_THRESHOLD) return { kind: 'none', nearest };
  if (!aligned(doc.lines, best.start, sl)) return { kind: 'none', nearest: { ...nearest, misaligned: true } };
  if (!clearlyBest(best.score, second?.score) && second) {
    if (opts.hint !== undefined && best.start === opts.hint) return { kind: 'placed', start: best.start };
    return { kind: 'ambiguous', starts: [best.start, second.start].sort((a, b) => a - b) };
  }
  return { kind: 'placed', start: best.start };
}

/**
 * A fuzzy window must line up with the search text: its first and last lines nearly equal
 * and few lines far off. A window shifted by an inserted or deleted line fails this, and
 * replacing it would cut a line off or leave one behind.
 */
function aligned(file: string[], start: number, sl: string[]): boolean {
  const idx = sl.map((_, j) => j).filter((j) => !isBlank(sl[j]));
  const sim = (j: number) => lineSimilarity(squash(file[start + j]), squash(sl[j]));
  if (sim(idx[0]) < 0.85 || sim(idx[idx.length - 1]) < 0.85) return false;
  const poor = idx.filter((j) => sim(j) < 0.5).length;
  return poor <= Math.floor(idx.length / 5);
}

type ElidedOutcome = { kind: 'done'; placed: Placed } | { kind: 'none'; nearest?: Nearest };

function placeElided(doc: Doc, sl: string[], rl: string[], tabs: boolean, name: string, fail: (f: MatchFailure) => Placed, ok: Ok): ElidedOutcome {
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
  const invalid = (message: string): ElidedOutcome => ({ kind: 'done', placed: fail({ reason: 'invalid', message }) });
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
      kind: 'done',
      placed: fail({
        reason: 'ambiguous',
        message: `${name}: the code around the "..." placeholders fits the file in more than one way (lines ${describe(rs)}); quote the intended lines exactly.`,
        candidates: rs,
      }),
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
  return { kind: 'done', placed: ok(joinDoc(replaceLines(doc, pos[0], last, out)), 'elision', pos[0] + 1, last) };
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

function notFound(
  doc: Doc,
  sl: string[],
  rl: string[],
  name: string,
  nearest: Nearest | undefined,
  fail: (f: MatchFailure) => Placed,
): Placed {
  const changes = rl.length > 0 && rl.join('\n') !== sl.join('\n');
  if (changes) {
    const present = findLineMatches(doc.lines, rl, keyTrim, 0, 2);
    if (present.length === 1) {
      return fail({
        reason: 'stale',
        message: `${name}: the search text is not in the file, but its replacement already is (lines ${present[0] + 1}-${present[0] + rl.length}); the edit looks already applied.`,
      });
    }
  }
  const first = sl.find((l) => !isBlank(l))?.trim() ?? '';
  const head = `${name}: the search text (starting "${first.length > 60 ? `${first.slice(0, 60)}…` : first}") was not found in the file`;
  if (!nearest) return fail({ reason: 'not-found', message: `${head}.` });
  const startLine = nearest.start + 1;
  const endLine = nearest.start + nearest.height;
  const similarity = Math.round(nearest.score * 100) / 100;
  return fail({
    reason: 'not-found',
    message: `${head}; the closest text is lines ${startLine}-${endLine} (${Math.round(similarity * 100)}% similar)${
      nearest.misaligned ? ', but lines were added or removed there, so it cannot be matched line for line' : ''
    }.`,
    nearest: { startLine, endLine, text: doc.lines.slice(nearest.start, nearest.start + nearest.height).join('\n'), similarity },
  });
}
