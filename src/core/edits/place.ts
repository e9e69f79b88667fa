/**
 * The matching ladder for one block: exact, whitespace, indentation, blank lines, part of a
 * line, fuzzy, elision. Stops at the first rung with a UNIQUE hit; two or more hits on a rung
 * is a refusal, never a guess (looser rungs could only find more). A line hint (a hunk's line
 * number, a hint header, line-number prefixes) may choose between equal hits, never place alone.
 */
import { alignToWindow } from './align';
import { placeElided, type Nearest } from './elided';
import { isElisionLine } from './elision';
import { exactHits, pickExact, spliceExact } from './exact';
import { fuzzyLocate } from './fuzzy';
import { findLineMatches, keyExact, keyTrim, keyTrimEnd, MAX_HITS, project, textFinder, type LineKey, type Projection } from './locate';
import { transplant, usesTabs } from './reindent';
import { readHints, readLineNumbers } from './searchText';
import { lineSimilarity, squash } from './similarity';
import { blockLines, isBlank, joinBlock, lineAt, lineOfOffset, spliceDoc, splitDoc, trimBlankEdges, type Doc } from './text';
import { byHint, clearlyBest, FUZZY_THRESHOLD, RANK, within } from './rungs';
import type { BlockResult, MatchFailure, MatchRung } from './types';

export interface PlaceOptions {
  index: number;
  /** Unified-diff hunks: whole lines only, and the hunk's line number may break a tie. */
  lineOnly?: boolean;
  /** 0-based line where the first non-blank search line is expected; used only to choose between equal hits. */
  hint?: number;
  /** Maps a line hint written against the original file to the text as earlier blocks left it. */
  shift?: (line: number) => number;
  /** The loosest rung allowed (see RANK): a reading of the text as it is, or a replay no looser than before. */
  loosest?: MatchRung;
}

export type Placed = { ok: true; text: string; block: BlockResult } | { ok: false; block: BlockResult };

type Ranges = Array<{ startLine: number; endLine: number }>;

function label(opts: PlaceOptions): string {
  return `${opts.lineOnly ? 'Hunk' : 'Block'} ${opts.index + 1}`;
}

/** Candidate places as 1-based line ranges; `height` is a number of lines, or each place's own last line (0-based). */
function ranges(starts: number[], height: number | ((start: number) => number)): { text: string; ranges: Ranges } {
  const last = (s: number) => (typeof height === 'number' ? s + Math.max(height, 1) - 1 : height(s));
  const rs = starts.slice(0, MAX_HITS).map((s) => ({ startLine: s + 1, endLine: last(s) + 1 }));
  return { text: rs.map((r) => (r.startLine === r.endLine ? `${r.startLine}` : `${r.startLine}-${r.endLine}`)).join(', '), ranges: rs };
}

function hasLine(text: string, line: string): boolean {
  return new RegExp(`^[ \\t]*${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*\\r?$`, 'm').test(text);
}

/** A search/replace block: its hint headers and line-number prefixes are read first (searchText.ts). */
export function placeBlock(text: string, search: string, replace: string, opts: PlaceOptions): Placed {
  const lines = blockLines(search);
  const read = readHints(lines, blockLines(replace), label(opts), (line) => hasLine(text, line));
  if ('problem' in read) return { ok: false, block: { ok: false, index: opts.index, reason: 'invalid', message: read.problem } };
  const shift = (h: number | undefined) => (h === undefined ? opts.hint : (opts.shift?.(h) ?? h));
  const searchText = read.search.length === lines.length ? search : joinBlock(read.search, search);
  const numbers = readLineNumbers(read.search, read.replace);
  if (numbers.kind !== 'none') {
    // Numbered lines may be the file's own text (a YAML list, a table): that reading comes first,
    // and only as it is: a loose match of numbered lines could write the numbers into the file.
    const literal = placeLines(text, searchText, replace, read.search, read.replace, { ...opts, hint: shift(read.hint), loosest: within('blank-lines', opts.loosest) });
    if (literal.ok || (!literal.block.ok && literal.block.reason === 'ambiguous')) return literal;
    if (numbers.kind === 'unordered') {
      const shown = numbers.numbers.slice(0, 6).join(', ');
      return {
        ok: false,
        block: {
          ok: false,
          index: opts.index,
          reason: 'not-found',
          message: `${label(opts)}: every line of the search text starts with a line number, but the numbers (${shown}${numbers.numbers.length > 6 ? ', …' : ''}) do not count up one by one, so it is not a copy of the file's lines; quote the lines exactly, without line numbers.`,
        },
      };
    }
    const readings = numbers.readings.map(({ search: s, replace: r, hint }) => ({
      s,
      r,
      run: (loosest = opts.loosest) => placeLines(text, joinBlock(s, search), joinBlock(r, replace), s, r, { ...opts, hint: shift(read.hint ?? hint), ...(loosest ? { loosest } : {}) }),
    }));
    // The reading whose lines are in the file as they are, indentation and all, comes first.
    for (const reading of readings.length > 1 ? readings : []) {
      const placed = reading.run(within('whitespace', opts.loosest));
      if (placed.ok) return placed;
    }
    return readings[readings.length - 1].run();
  }
  return placeLines(text, searchText, replace, read.search, read.replace, { ...opts, hint: shift(read.hint) });
}

type Fail = (f: MatchFailure) => Placed;
type Ok = (newText: string, rung: MatchRung, startLine: number, endLine: number) => Placed;

interface Ladder {
  doc: Doc;
  sl: string[];
  rl: string[];
  tabs: boolean;
  name: string;
  hint?: number;
  fail: Fail;
  ok: Ok;
}

export function placeLines(text: string, search: string, replace: string, searchLines: string[], replaceLines: string[], opts: PlaceOptions): Placed {
  const name = label(opts);
  const fail: Fail = (f) => ({ ok: false, block: { ok: false, index: opts.index, ...f } });
  const ok: Ok = (newText, rung, startLine, endLine) => ({ ok: true, text: newText, block: { ok: true, rung, startLine, endLine } });

  const searchElides = searchLines.some((l) => isElisionLine(l));
  const stray = replaceLines.find((l) => isElisionLine(l) && !searchLines.some((s) => s.trim() === l.trim()));
  if (stray !== undefined && !searchElides) {
    return fail({
      reason: 'invalid',
      message: `${name}: the replacement contains the placeholder line "${stray.trim()}" but the search text has none, so it is unclear which existing code it stands for; write that code out in full.`,
    });
  }

  if (searchLines.every(isBlank)) {
    if (!isBlank(text)) {
      return fail({
        reason: 'ambiguous',
        message: `${name}: the search text is empty but the file is not, so the block could go anywhere in it; quote the lines to replace (or the line to insert after) exactly.`,
        candidates: [],
      });
    }
    const inserted = replace.replace(/\r?\n/g, text.includes('\r\n') ? '\r\n' : '\n');
    return ok(inserted, 'exact', 1, Math.max(1, blockLines(inserted).length));
  }

  if (!opts.lineOnly) {
    const placed = placeRaw(text, search, replace, searchLines, opts.hint, name, fail, ok);
    if (placed) return placed;
  }

  const doc = splitDoc(text);
  const [sl, rl] = trimBlankEdges(searchLines, replaceLines);
  const at: Ladder = { doc, sl, rl, tabs: usesTabs(doc.lines), name, hint: opts.hint, fail, ok };
  const may = (rung: MatchRung) => opts.loosest === undefined || RANK[rung] <= RANK[opts.loosest];
  const notAsClose = () => fail({ reason: 'not-found', message: `${name}: the search text was not found in the file as closely as a ${opts.loosest} match.` });
  const rungs: Array<['exact' | 'whitespace', LineKey]> = [
    ['exact', keyExact],
    ['whitespace', keyTrimEnd],
  ];
  for (const [rung, key] of rungs) {
    if (rung === 'exact' && !opts.lineOnly) continue; // the raw-text rung above already covered it
    if (!may(rung)) break;
    const hits = findLineMatches(doc.lines, sl, key, 0, MAX_HITS + 1, textFinder(doc));
    if (hits.length === 0) continue;
    const chosen = hits.length === 1 ? hits[0] : byHint(hits, opts.hint);
    if (chosen === undefined) return ambiguous(at, rung === 'exact' ? 'exact' : 'whitespace', hits, sl.length);
    const window = doc.lines.slice(chosen, chosen + sl.length);
    return ok(spliceDoc(doc, chosen, chosen + sl.length, transplant(sl, rl, window, chosen, at.tabs)), rung, chosen + 1, chosen + sl.length);
  }
  if (!may('indentation')) return notAsClose();
  const proj = project(doc.lines);
  const loose = placeLoosely(at, proj);
  if (loose) return loose;
  if (!may('elision')) return notAsClose();

  if (searchElides) {
    const elided = placeElided(doc, sl, rl, at.tabs, name, ranges);
    if (elided.kind === 'placed') return ok(elided.text, 'elision', elided.startLine, elided.endLine);
    if (elided.kind === 'failed') return fail(elided.failure);
    return notFound(at, elided.nearest);
  }
  const skipping = placeSkippingBlanks(at, proj, keyTrim);
  if (skipping) return skipping;
  if (!may('fragment')) return notAsClose();
  if (!opts.lineOnly && sl.length === 1) {
    const part = placeInLine(at, rl);
    if (part) return part;
  }
  if (!may('fuzzy')) return notAsClose();
  const fuzzy = placeFuzzy(at, proj);
  return 'placed' in fuzzy ? fuzzy.placed : notFound(at, fuzzy.nearest);
}

/** The search text verbatim in the raw text (fragments inside a line too, as tool-calling models write them). */
function placeRaw(text: string, search: string, replace: string, searchLines: string[], hint: number | undefined, name: string, fail: Fail, ok: Ok): Placed | undefined {
  const height = blockLines(search).length;
  const lead = Math.max(0, searchLines.findIndex((l) => !isBlank(l)));
  const picked = pickExact(exactHits(text, search));
  const competing = picked.competing;
  let hit = picked.hit;
  if (!hit && competing.length > 1) {
    const lines = competing.map((h) => lineOfOffset(text, h.start) - 1 + lead);
    const chosen = byHint(lines, hint);
    if (chosen !== undefined) hit = competing[lines.indexOf(chosen)];
  }
  if (hit) {
    const startLine = lineOfOffset(text, hit.start);
    return ok(spliceExact(text, hit, replace), 'exact', startLine, Math.max(startLine, startLine + height - 1));
  }
  if (competing.length <= 1) return undefined;
  const rs = ranges(
    competing.map((h) => lineOfOffset(text, h.start) - 1),
    height,
  );
  return fail({
    reason: 'ambiguous',
    message: `${name}: the search text occurs ${competing.length >= 50 ? '50 or more' : competing.length} times (lines ${rs.text}); include more surrounding lines so it matches exactly one place.`,
    candidates: rs.ranges,
  });
}

/** How loosely the rivals of an ambiguous match were compared, for its message. */
const LOOSENESS = {
  exact: '',
  whitespace: ' (ignoring trailing whitespace)',
  indentation: ' (ignoring indentation)',
  'blank-lines': ' (ignoring blank lines)',
  either: ' (ignoring indentation or blank lines)',
};

function ambiguous(at: Ladder, loosely: keyof typeof LOOSENESS, hits: number[], height: number | ((start: number) => number)): Placed {
  const rs = ranges(hits, height);
  const how = LOOSENESS[loosely];
  const count = hits.length > MAX_HITS ? `more than ${MAX_HITS}` : String(hits.length);
  return at.fail({
    reason: 'ambiguous',
    message: `${at.name}: the search text matches ${count} places${how} (lines ${rs.text}); include more surrounding lines so it matches exactly one place.`,
    candidates: rs.ranges,
  });
}

/**
 * Search line j's index in the window that starts at projected line p: non-blank lines map to
 * their projected lines; blank lines pair with the window's blank lines between the same two
 * lines, as many as both have (-1 for the model's extra blank lines).
 */
function windowOf(at: Ladder, proj: Projection, p: number): { first: number; last: number; toWindow: number[] } {
  const nonBlank = at.sl.flatMap((l, j) => (isBlank(l) ? [] : [j]));
  const first = proj.at[p];
  const last = proj.at[p + nonBlank.length - 1];
  const toWindow = new Array<number>(at.sl.length).fill(-1);
  nonBlank.forEach((j, k) => {
    const w = proj.at[p + k] - first;
    toWindow[j] = w;
    const next = nonBlank[k + 1];
    if (next === undefined) return;
    const pairs = Math.min(next - j - 1, proj.at[p + k + 1] - first - w - 1);
    for (let t = 1; t <= pairs; t++) toWindow[j + t] = w + t;
  });
  return { first, last, toWindow };
}

function replaceProjected(at: Ladder, proj: Projection, p: number, rung: MatchRung): Placed {
  const { first, last, toWindow } = windowOf(at, proj, p);
  const window = at.doc.lines.slice(first, last + 1);
  const aligned = alignToWindow(at.sl, at.rl, window, toWindow);
  const out = transplant(aligned.search, aligned.replace, window, first, at.tabs);
  return at.ok(spliceDoc(at.doc, first, last + 1, out), rung, first + 1, last + 1);
}

/** Places where the non-blank search lines are the file's lines, blank lines aside (projected index and file lines). */
function blankSkippingHits(at: Ladder, proj: Projection, key: LineKey): Array<{ p: number; start: number; end: number }> {
  const lines = at.sl.filter((l) => !isBlank(l));
  if (lines.length < 2) return [];
  return findLineMatches(proj.lines, lines, key, 0, MAX_HITS + 1, textFinder(at.doc, proj.index)).map((p) => ({ p, start: proj.at[p], end: proj.at[p + lines.length - 1] }));
}

/**
 * Two different loosenings compete: the lines with other indentation, or with their own
 * indentation but blank lines missing or added. A place either finds is a rival of the other's,
 * so two places are refused (or chosen between by a line hint), never picked by rung order.
 */
function placeLoosely(at: Ladder, proj: Projection): Placed | undefined {
  const indented = findLineMatches(at.doc.lines, at.sl, keyTrim, 0, MAX_HITS + 1, textFinder(at.doc)).map((start) => ({ start, end: start + at.sl.length - 1 }));
  const spaced = blankSkippingHits(at, proj, keyTrimEnd).filter((h) => !indented.some((i) => i.start === h.start));
  const all = [...indented, ...spaced].sort((a, b) => a.start - b.start);
  if (all.length === 0) return undefined;
  const chosen = all.length === 1 ? all[0].start : byHint(all.map((h) => h.start), at.hint);
  if (chosen === undefined) {
    const loosely = spaced.length === 0 ? 'indentation' : indented.length === 0 ? 'blank-lines' : 'either';
    return ambiguous(at, loosely, all.map((h) => h.start), (s) => all.find((h) => h.start === s)?.end ?? s);
  }
  const blank = spaced.find((h) => h.start === chosen);
  if (blank) return replaceProjected(at, proj, blank.p, 'blank-lines');
  const window = at.doc.lines.slice(chosen, chosen + at.sl.length);
  return at.ok(spliceDoc(at.doc, chosen, chosen + at.sl.length, transplant(at.sl, at.rl, window, chosen, at.tabs)), 'indentation', chosen + 1, chosen + at.sl.length);
}

/** The search lines with blank lines missing or added between them (and, with keyTrim, other indentation). */
function placeSkippingBlanks(at: Ladder, proj: Projection, key: LineKey): Placed | undefined {
  const hits = blankSkippingHits(at, proj, key);
  if (hits.length === 0) return undefined;
  const chosen = hits.length === 1 ? hits[0].start : byHint(hits.map((h) => h.start), at.hint);
  if (chosen === undefined) return ambiguous(at, 'blank-lines', hits.map((h) => h.start), (s) => hits.find((h) => h.start === s)?.end ?? s);
  return replaceProjected(at, proj, hits.find((h) => h.start === chosen)!.p, 'blank-lines');
}

const WORD = /[\p{L}\p{N}_$]/u;

/**
 * A one-line search text that is part of exactly one line: only that part changes. A part that
 * starts or ends with a word character must start or end a word there ("http" is not in "https").
 */
function placeInLine(at: Ladder, rl: string[]): Placed | undefined {
  const part = at.sl[0].trim();
  const text = at.doc.text;
  const cut = (before: string, first: string) => !(WORD.test(first) && WORD.test(before));
  const bounded = (p: number) => cut(text[p - 1] ?? ' ', part[0]) && cut(text[p + part.length] ?? ' ', part[part.length - 1]);
  const offsets: number[] = [];
  for (let p = text.indexOf(part); p !== -1 && offsets.length <= MAX_HITS; p = text.indexOf(part, p + 1)) if (bounded(p)) offsets.push(p);
  if (offsets.length === 0) return undefined;
  const lines = offsets.map((o) => lineAt(at.doc, o));
  const chosen = offsets.length === 1 ? 0 : lines.indexOf(byHint(lines, at.hint) ?? -1);
  if (chosen < 0) {
    const rs = ranges(lines, 1);
    return at.fail({
      reason: 'ambiguous',
      message: `${at.name}: the search text is part of ${offsets.length > MAX_HITS ? `more than ${MAX_HITS}` : offsets.length} lines (lines ${rs.text}); quote the whole line, with the lines around it, so it matches exactly one place.`,
      candidates: rs.ranges,
    });
  }
  const rep = rl.join(at.doc.eol).trim();
  const o = offsets[chosen];
  const line = lines[chosen];
  return at.ok(text.slice(0, o) + rep + text.slice(o + part.length), 'fragment', line + 1, line + 1);
}

/**
 * A fuzzy window must line up with the search text: its first and last lines nearly equal
 * and few lines far off. A window shifted by an inserted or deleted line fails this, and
 * replacing it would cut a line off or leave one behind.
 */
function aligned(file: string[], start: number, sl: string[]): boolean {
  const sim = (j: number) => lineSimilarity(squash(file[start + j]), squash(sl[j]));
  if (sim(0) < 0.85 || sim(sl.length - 1) < 0.85) return false;
  let poor = 0;
  for (let j = 0; j < sl.length; j++) if (sim(j) < 0.5) poor++;
  return poor <= Math.floor(sl.length / 5);
}

/** Similar text, compared on non-blank lines so blank lines missing or added do not shift the window. */
function placeFuzzy(at: Ladder, proj: Projection): { placed: Placed } | { nearest?: Nearest } {
  const lines = at.sl.filter((l) => !isBlank(l));
  const { best, second } = fuzzyLocate(proj.lines, lines, textFinder(at.doc, proj.index));
  if (!best) return {};
  const fileLine = (p: number) => proj.at[p];
  const nearest: Nearest = { start: fileLine(best.start), height: fileLine(best.start + lines.length - 1) - fileLine(best.start) + 1, score: best.score };
  const substantial = lines.length >= 2 && lines.map(squash).join('').length >= 24;
  if (!substantial || best.score < FUZZY_THRESHOLD) return { nearest };
  if (!aligned(proj.lines, best.start, lines)) return { nearest: { ...nearest, misaligned: true } };
  if (second && !clearlyBest(best.score, second.score)) {
    const starts = [fileLine(best.start), fileLine(second.start)];
    if (byHint(starts, at.hint) !== starts[0]) {
      const rs = ranges(starts.sort((a, b) => a - b), at.sl.length);
      return {
        placed: at.fail({
          reason: 'ambiguous',
          message: `${at.name}: the search text is not in the file, and 2 places resemble it about equally (lines ${rs.text}); quote the intended lines exactly.`,
          candidates: rs.ranges,
        }),
      };
    }
  }
  return { placed: replaceProjected(at, proj, best.start, 'fuzzy') };
}

function notFound(at: Ladder, nearest: Nearest | undefined): Placed {
  const { doc, sl, rl, name, fail } = at;
  const changes = rl.length > 0 && rl.join('\n') !== sl.join('\n');
  if (changes) {
    const present = findLineMatches(doc.lines, rl, keyTrim, 0, 2, textFinder(doc));
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
