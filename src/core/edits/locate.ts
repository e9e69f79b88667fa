/**
 * Finding where a block of lines sits in a file, rung by rung. Every function reports
 * ALL places that qualify (up to a cap) so callers can refuse ambiguity instead of guessing.
 */
import { histogram, histogramBound, lineSimilarity, squash, windowSimilarity } from './similarity';

/** More hits than this is reported as ambiguous without listing the rest. */
export const MAX_HITS = 20;

export type LineKey = (line: string) => string;
export const keyTrimEnd: LineKey = (l) => l.trimEnd();
export const keyTrim: LineKey = (l) => l.trim();

/** Start indexes of every window of `file` whose keyed lines equal the keyed search lines. */
export function findLineMatches(file: string[], search: string[], key: LineKey, from = 0, limit = MAX_HITS + 1): number[] {
  const hits: number[] = [];
  const m = search.length;
  if (m === 0) return hits;
  const want = search.map(key);
  const first = want[0];
  for (let i = from; i + m <= file.length; i++) {
    if (key(file[i]) !== first) continue;
    let j = 1;
    while (j < m && key(file[i + j]) === want[j]) j++;
    if (j === m) {
      hits.push(i);
      if (hits.length >= limit) break;
    }
  }
  return hits;
}

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
const MAX_NEAR_LINE_CHECKS = 4000;

/**
 * Best and second-best windows (same height as the search) by weighted line similarity.
 * Candidate windows come from cheap anchors: search lines that occur verbatim (squashed) in
 * the file, or, failing that, file lines close to the longest search line.
 */
export function fuzzyLocate(fileLines: string[], searchLines: string[]): FuzzyResult {
  const m = searchLines.length;
  const n = fileLines.length;
  if (m === 0 || n < m) return {};
  const file = fileLines.map(squash);
  const search = searchLines.map(squash);
  const starts = candidateStarts(file, search);
  let best: FuzzyCandidate | undefined;
  let second: FuzzyCandidate | undefined;
  // Rank by a cheap upper bound, then score the leaders exactly: the verdict uses exact scores.
  const bounded = starts
    .map((start) => ({ start, score: windowSimilarity(file, start, search, 0.5) }))
    .sort((a, b) => b.score - a.score || a.start - b.start);
  for (const { start } of bounded.slice(0, EXACT_RESCORE)) {
    const score = windowSimilarity(file, start, search);
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

function candidateStarts(file: string[], search: string[]): number[] {
  const n = file.length;
  const m = search.length;
  const clamp = (s: number) => Math.max(0, Math.min(n - m, s));
  if (n * m <= FULL_SCAN_BUDGET) {
    return Array.from({ length: n - m + 1 }, (_, i) => i);
  }
  const votes = new Map<number, number>();
  const wanted = new Map<string, number[]>();
  search.forEach((line, j) => {
    if (line.length < 4) return; // braces and blank lines anchor nothing
    const list = wanted.get(line) ?? [];
    list.push(j);
    wanted.set(line, list);
  });
  const positions = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const js = wanted.get(file[i]);
    if (!js) continue;
    const seen = (positions.get(file[i]) ?? 0) + 1;
    positions.set(file[i], seen);
    if (seen > MAX_ANCHOR_POSITIONS) continue;
    for (const j of js) votes.set(clamp(i - j), (votes.get(clamp(i - j)) ?? 0) + 1);
  }
  if (votes.size === 0) nearLineAnchors(file, search, votes, clamp);
  return [...votes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, Math.max(50, Math.min(MAX_SCORED_WINDOWS, Math.floor(MAX_LINE_PAIRS / m))))
    .map(([s]) => s);
}

/** No search line occurs verbatim: anchor on file lines similar to the longest search line. */
function nearLineAnchors(file: string[], search: string[], votes: Map<number, number>, clamp: (s: number) => number): void {
  let j = 0;
  for (let k = 1; k < search.length; k++) if (search[k].length > search[j].length) j = k;
  const target = search[j];
  if (target.length < 4) return;
  const th = histogram(target);
  let checks = 0;
  for (let i = 0; i < file.length && checks < MAX_NEAR_LINE_CHECKS; i++) {
    const line = file[i];
    const longest = Math.max(line.length, target.length);
    if (Math.min(line.length, target.length) < longest * 0.6) continue;
    if (histogramBound(histogram(line), th, longest) < 0.6) continue;
    checks++;
    if (lineSimilarity(line, target, 0.6) >= 0.6) votes.set(clamp(i - j), 1);
    if (votes.size >= MAX_SCORED_WINDOWS) return;
  }
}
