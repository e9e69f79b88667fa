/**
 * Line similarity for the fuzzy rung. Bounded on purpose: long lines are compared by
 * their first MAX_CHARS characters so one pathological line cannot stall the editor.
 */
const MAX_CHARS = 300;

/** Whitespace-insensitive form used for fuzzy comparison. */
export function squash(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

function levenshtein(a: string, b: string): number {
  if (a.length < b.length) [a, b] = [b, a];
  const m = b.length;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const sub = prev[j - 1] + cost;
      cur[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}

/** 1 for equal lines, 0 for nothing in common; inputs are already squashed. */
export function lineSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = a.length > MAX_CHARS ? a.slice(0, MAX_CHARS) : a;
  const y = b.length > MAX_CHARS ? b.slice(0, MAX_CHARS) : b;
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  // Length difference alone bounds the distance from below: skip hopeless pairs cheaply.
  if (Math.min(x.length, y.length) / longest < 0.5) return Math.min(x.length, y.length) / longest / 2;
  return 1 - levenshtein(x, y) / longest;
}

/** Weight of a line pair in a window score: long lines say more than a lone brace. */
export function pairWeight(a: string, b: string): number {
  return Math.min(Math.max(a.length, b.length), MAX_CHARS) + 1;
}

/** Weighted similarity of two equally long line lists (already squashed). */
export function windowSimilarity(file: string[], start: number, search: string[]): number {
  let total = 0;
  let score = 0;
  for (let j = 0; j < search.length; j++) {
    const a = file[start + j];
    const b = search[j];
    const w = pairWeight(a, b);
    total += w;
    score += w * lineSimilarity(a, b);
  }
  return total === 0 ? 1 : score / total;
}

/** A 32-bucket character histogram; half the L1 distance of two is a lower bound on their edit distance. */
export function histogram(s: string): Uint16Array {
  const h = new Uint16Array(32);
  const n = Math.min(s.length, MAX_CHARS);
  for (let i = 0; i < n; i++) h[s.charCodeAt(i) & 31]++;
  return h;
}

export function histogramBound(a: Uint16Array, b: Uint16Array, longest: number): number {
  let d = 0;
  for (let i = 0; i < 32; i++) d += Math.abs(a[i] - b[i]);
  return longest === 0 ? 1 : 1 - Math.ceil(d / 2) / longest;
}
