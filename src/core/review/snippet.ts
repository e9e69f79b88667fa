/**
 * A code block without a file path, applied to the file in the active editor: it replaces
 * the selection when there is one, else the region of the file it most resembles (a
 * rewritten function replaces the function). When nothing resembles it, or two regions
 * resemble it equally, it is refused with the reason, never guessed. The result is the
 * file's whole new text, which the review then shows as a diff like every other change.
 */
import { makeReindent, usesTabs } from '../edits/reindent';
import { lineSimilarity, squash } from '../edits/similarity';

export type SnippetPlacement =
  | { ok: true; newText: string; how: 'selection' | 'match'; startLine: number; endLine: number }
  | { ok: false; reason: string };

/** A region must resemble the snippet at least this much (0..1, see regionScore). */
const MIN_SCORE = 0.5;
/** Two regions closer than this are a tie: the user picks by selecting. */
const TIE = 0.02;
const ANCHOR_SIMILARITY = 0.7;
/** Lines of each end of the snippet tried as the region's first or last line (a new comment may lead it). */
const ANCHOR_LINES = 3;
const MAX_ANCHORS = 64;
/** Regions scored at most: bounds the work on a large file full of look-alike lines. */
const MAX_REGIONS = 512;

const ask = (name: string) => `Select the code it should replace in ${name}, then Apply again (or ask for the change with its file path).`;

export function placeSnippet(fileText: string, snippet: string, name: string, selection?: { start: number; end: number }): SnippetPlacement {
  const code = snippet.replace(/\s+$/, '');
  if (!code.trim()) return { ok: false, reason: 'The code block is empty; there is nothing to apply.' };
  const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
  if (selection && selection.end > selection.start) return replaceSelection(fileText, code, selection, eol);
  const lines = fileText.split(/\r?\n/);
  const wanted = code.split(/\r?\n/);
  const region = bestRegion(lines, wanted, name);
  if ('reason' in region) return { ok: false, reason: region.reason };
  // Chat code is often dedented: shifted so its anchor line has the indentation of the line it replaces.
  const shift = makeReindent([wanted[region.anchor] ?? ''], [lines[region.start] ?? ''], usesTabs(lines));
  const placed = wanted.map((line) => shift(line, 0));
  if (placed.join('\n') === lines.slice(region.start, region.end + 1).join('\n')) {
    return { ok: false, reason: `${name} already has this code (lines ${region.start + 1}–${region.end + 1}); there is nothing to change.` };
  }
  const next = [...lines.slice(0, region.start), ...placed, ...lines.slice(region.end + 1)];
  return { ok: true, newText: next.join(eol), how: 'match', startLine: region.start + 1, endLine: region.end + 1 };
}

function replaceSelection(fileText: string, code: string, { start, end }: { start: number; end: number }, eol: string): SnippetPlacement {
  // A selection of whole lines ends after a line break: keep it.
  const ending = /\r?\n$/.test(fileText.slice(0, end)) ? eol : '';
  const body = code.replace(/\r?\n/g, eol) + ending;
  const lineOf = (offset: number) => fileText.slice(0, offset).split('\n').length;
  return { ok: true, newText: fileText.slice(0, start) + body + fileText.slice(end), how: 'selection', startLine: lineOf(start), endLine: lineOf(end - 1) };
}

interface Region {
  start: number;
  end: number;
  /** The snippet line that anchors the region's first line (its indentation is matched). */
  anchor: number;
  score: number;
}

function bestRegion(lines: string[], wanted: string[], name: string): Region | { reason: string } {
  const nonBlank = wanted.map((line, j) => ({ line: squash(line), j })).filter((l) => l.line);
  const sims = new Map<number, number>();
  const sim = (i: number, j: number) => {
    const key = i * wanted.length + j;
    let value = sims.get(key);
    if (value === undefined) sims.set(key, (value = lineSimilarity(squash(lines[i] ?? ''), squash(wanted[j] ?? ''), 0.5)));
    return value;
  };
  const anchors = (picked: typeof nonBlank) => {
    const found: Array<{ i: number; j: number }> = [];
    for (let i = 0; i < lines.length && found.length < MAX_ANCHORS; i++) {
      const hit = picked.find(({ j }) => sim(i, j) >= ANCHOR_SIMILARITY);
      if (hit) found.push({ i, j: hit.j });
    }
    return found;
  };
  const starts = anchors(nonBlank.slice(0, ANCHOR_LINES));
  const ends = anchors(nonBlank.slice(-ANCHOR_LINES));
  const longest = 2 * wanted.length + 10;
  const regions: Region[] = [];
  for (const s of starts) {
    if (regions.length >= MAX_REGIONS) break;
    for (const e of ends) {
      // The region's first and last lines stand for different lines of the snippet, in order.
      if (e.i < s.i || (nonBlank.length > 1 && e.j <= s.j) || e.i - s.i + 1 > longest) continue;
      regions.push({ start: s.i, end: e.i, anchor: s.j, score: regionScore(s.i, e.i, nonBlank.map((l) => l.j), lines, wanted, sim) });
    }
  }
  regions.sort((a, b) => b.score - a.score);
  // Among nested regions that score alike (an extra closing brace scores as well), the one of the snippet's size.
  const size = (r: Region) => Math.abs(r.end - r.start + 1 - wanted.length);
  const top = regions[0];
  const best = top && regions.filter((r) => r.score >= top.score - TIE && !(r.end < top.start || r.start > top.end)).sort((a, b) => size(a) - size(b))[0];
  if (!best || best.score < MIN_SCORE) return { reason: `The code block has no file path, and no part of ${name} resembles it closely enough to replace. ${ask(name)}` };
  const rival = regions.find((r) => r.end < best.start || r.start > best.end);
  if (rival && rival.score >= best.score - TIE) {
    const [a, b] = [best, rival].sort((x, y) => x.start - y.start);
    return { reason: `The code block has no file path and resembles two places in ${name} equally (lines ${a!.start + 1}–${a!.end + 1} and ${b!.start + 1}–${b!.end + 1}). ${ask(name)}` };
  }
  return best;
}

/**
 * How alike a region and the snippet are (0..1): every non-blank line of each side counts with
 * its best match on the other side, weighted by its length, so a lone brace or a region of just
 * the signature line cannot pass for the whole.
 */
function regionScore(start: number, end: number, snippetLines: number[], lines: string[], wanted: string[], sim: (i: number, j: number) => number): number {
  const regionLines: number[] = [];
  for (let i = start; i <= end; i++) if (squash(lines[i] ?? '')) regionLines.push(i);
  if (regionLines.length === 0 || snippetLines.length === 0) return 0;
  const weight = (line: string | undefined) => Math.min(squash(line ?? '').length, 300) + 1;
  let total = 0;
  let score = 0;
  for (const j of snippetLines) {
    total += weight(wanted[j]);
    score += weight(wanted[j]) * Math.max(...regionLines.map((i) => sim(i, j)));
  }
  for (const i of regionLines) {
    total += weight(lines[i]);
    score += weight(lines[i]) * Math.max(...snippetLines.map((j) => sim(i, j)));
  }
  return score / total;
}
