/**
 * The fuzzy rung's search: the best and second-best windows of a file for a block that is
 * not in it verbatim. Works on non-blank lines (the caller projects them), squashes only the
 * lines it looks at, and bounds its work so a 1 MB file answers in milliseconds.
 */
import { scanFinder, type LineFinder } from './locate';
import { lineSimilarity, pairWeight, squash } from './similarity';

export interface FuzzyCandidate {
  start: number;
  score: number;
}

export interface FuzzyResult {
  best?: FuzzyCandidate;
  second?: FuzzyCandidate;
}

/** Upper bounds on work per block, so a huge file or a weird block cannot freeze the host. */
const MAX_SCORED_WINDOWS = 3000;
/** Line pairs compared per block at most (windows x search height). */
const MAX_LINE_PAIRS = 120_000;
const MAX_ANCHOR_POSITIONS = 64;
const FULL_SCAN_BUDGET = 20_000;
const EXACT_RESCORE = 12;
/** Line similarity below which ranking only bounds it: such lines cannot lift a window to FUZZY_THRESHOLD. */
const RANKING_FLOOR = 0.6;
/** File lines most like a search line (by shared words, then character counts) that are compared exactly. */
const NEAR_LINE_CANDIDATES = 24;
/** The longest words of a search line looked up; a word on more lines than COMMON_WORD is common. */
const MAX_WORDS = 6;
const COMMON_WORD = 256;
const NEAR_LINE_SIMILARITY = 0.6;

type Squashed = (i: number) => string;

/**
 * Weighted similarity of a window of the file and the (squashed) search lines. Below `floor` a
 * line's similarity is only bounded (cheaper); `known` keeps the exact values already computed.
 */
function windowScore(file: Squashed, start: number, search: string[], known: Map<number, number>, floor = 0): number {
  let total = 0;
  let score = 0;
  const m = search.length;
  for (let j = 0; j < m; j++) {
    const a = file(start + j);
    const b = search[j];
    const w = pairWeight(a, b);
    const pair = (start + j) * m + j;
    let sim = known.get(pair);
    if (sim === undefined) {
      sim = lineSimilarity(a, b, floor);
      if (sim > floor || floor === 0) known.set(pair, sim);
    }
    total += w;
    score += w * sim;
  }
  return total === 0 ? 1 : score / total;
}

/**
 * Best and second-best windows (same height as the search) by weighted line similarity.
 * Candidate windows come from cheap anchors: search lines that occur verbatim (squashed) in
 * the file, or, failing that, file lines close to the longest search lines.
 */
export function fuzzyLocate(fileLines: string[], searchLines: string[], find: LineFinder = scanFinder(fileLines)): FuzzyResult {
  const m = searchLines.length;
  const n = fileLines.length;
  if (m === 0 || n < m) return {};
  const cache: Array<string | undefined> = new Array<string | undefined>(n);
  const file: Squashed = (i) => (cache[i] ??= squash(fileLines[i]));
  const search = searchLines.map(squash);
  const known = new Map<number, number>();
  const starts = candidateStarts(n, file, search, find);
  let best: FuzzyCandidate | undefined;
  let second: FuzzyCandidate | undefined;
  // Rank by a cheap upper bound, then score the leaders exactly: the verdict uses exact scores.
  const bounded = starts.map((start) => ({ start, score: windowScore(file, start, search, known, RANKING_FLOOR) })).sort((a, b) => b.score - a.score || a.start - b.start);
  for (const { start } of bounded.slice(0, EXACT_RESCORE)) {
    const score = windowScore(file, start, search, known);
    if (!best || score > best.score) {
      second = best;
      best = { start, score };
    } else if (!second || score > second.score) {
      second = { start, score };
    }
  }
  // A window left unscored exactly may still be as good as its bound: count it as a rival.
  const unscored = bounded[EXACT_RESCORE];
  if (unscored && (!second || unscored.score > second.score)) second = unscored;
  return { best, second };
}

function candidateStarts(n: number, file: Squashed, search: string[], find: LineFinder): number[] {
  const m = search.length;
  const clamp = (s: number) => Math.max(0, Math.min(n - m, s));
  if (n * m <= FULL_SCAN_BUDGET) return Array.from({ length: n - m + 1 }, (_, i) => i);
  const votes = new Map<number, number>();
  const wanted = new Map<string, number[]>();
  search.forEach((line, j) => {
    if (line.length >= 4) wanted.set(line, [...(wanted.get(line) ?? []), j]); // braces and short lines anchor nothing
  });
  for (const [line, js] of wanted) {
    let seen = 0;
    for (const i of find(line, MAX_ANCHOR_POSITIONS * 4)) {
      if (file(i) !== line) continue;
      for (const j of js) votes.set(clamp(i - j), (votes.get(clamp(i - j)) ?? 0) + 1);
      if (++seen >= MAX_ANCHOR_POSITIONS) break;
    }
  }
  if (votes.size === 0) nearLineAnchors(file, search, find, votes, clamp);
  return [...votes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, Math.max(50, Math.min(MAX_SCORED_WINDOWS, Math.floor(MAX_LINE_PAIRS / m))))
    .map(([s]) => s);
}

/** Character counts (by low five bits) of a squashed line: half their L1 distance bounds the edit distance. */
function countChars(line: string): Int32Array {
  const counts = new Int32Array(32);
  for (let i = 0; i < line.length && i < 300; i++) counts[line.charCodeAt(i) & 31]++;
  return counts;
}

function countBound(a: Int32Array, b: Int32Array, longest: number): number {
  let d = 0;
  for (let k = 0; k < 32; k++) d += Math.abs(a[k] - b[k]);
  return longest === 0 ? 1 : 1 - Math.ceil(d / 2) / longest;
}

/**
 * No search line occurs verbatim: look for file lines close to the longest search lines.
 * Candidates are the lines sharing the most words with such a line (found by text search,
 * not by walking the file), ranked by character counts; only the closest are compared exactly.
 */
function nearLineAnchors(file: Squashed, search: string[], find: LineFinder, votes: Map<number, number>, clamp: (s: number) => number): void {
  const targets = search
    .map((line, j) => ({ line, j }))
    .filter((t) => t.line.length >= 4)
    .sort((a, b) => b.line.length - a.line.length)
    .slice(0, 2);
  const looked = new Map<string, number[]>();
  for (const { line, j } of targets) {
    const words = [...new Set(line.split(/[^A-Za-z0-9_$]+/).filter((w) => w.length >= 3))].sort((a, b) => b.length - a.length).slice(0, MAX_WORDS);
    const found = words.map((word) => looked.get(word) ?? looked.set(word, find(word, COMMON_WORD + 1)).get(word)!);
    // A word on hundreds of lines ("return", "const") says nothing about which line is meant.
    const rare = found.filter((lines) => lines.length > 0 && lines.length <= COMMON_WORD);
    const shared = new Map<number, number>();
    for (const lines of rare.length > 0 ? rare : found) for (const i of lines) shared.set(i, (shared.get(i) ?? 0) + 1);
    const counts = countChars(line);
    const ranked = [...shared.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, NEAR_LINE_CANDIDATES * 8)
      .map(([i]) => ({ i, bound: countBound(countChars(file(i)), counts, Math.max(file(i).length, line.length)) }))
      .filter((c) => c.bound >= NEAR_LINE_SIMILARITY)
      .sort((a, b) => b.bound - a.bound || a.i - b.i)
      .slice(0, NEAR_LINE_CANDIDATES);
    for (const { i } of ranked) {
      if (lineSimilarity(file(i), line, NEAR_LINE_SIMILARITY) >= NEAR_LINE_SIMILARITY) votes.set(clamp(i - j), (votes.get(clamp(i - j)) ?? 0) + 1);
    }
  }
}
