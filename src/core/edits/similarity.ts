/**
 * Line similarity for the fuzzy rung. Bounded on purpose: long lines are compared by
 * their first MAX_CHARS characters so one pathological line cannot stall the editor.
 */
const MAX_CHARS = 300;

/** Whitespace-insensitive form used for fuzzy comparison. */
export function squash(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

const INF = 1 << 29;
let prevRow = new Int32Array(MAX_CHARS + 2);
let curRow = new Int32Array(MAX_CHARS + 2);

/** Edit distance if it is at most k, else k + 1; only cells within k of the diagonal are computed. */
function levenshteinWithin(a: string, b: string, k: number): number {
  if (a.length < b.length) [a, b] = [b, a];
  const n = a.length;
  const m = b.length;
  if (n - m > k) return k + 1;
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= m; j++) prev[j] = j <= k ? j : INF;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(m, i + k);
    cur[lo - 1] = lo === 1 && i <= k ? i : INF;
    let rowMin = cur[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi + 1 <= m) cur[hi + 1] = INF;
    if (rowMin > k) {
      prevRow = prev;
      curRow = cur;
      return k + 1;
    }
    [prev, cur] = [cur, prev];
  }
  prevRow = prev;
  curRow = cur;
  return prev[m] <= k ? prev[m] : k + 1;
}

/**
 * 1 for equal lines, 0 for nothing in common; inputs are already squashed. Below `floor`
 * the exact value is not computed: an upper bound at or below the floor is returned instead.
 */
export function lineSimilarity(a: string, b: string, floor = 0): number {
  if (a === b) return 1;
  const x = a.length > MAX_CHARS ? a.slice(0, MAX_CHARS) : a;
  const y = b.length > MAX_CHARS ? b.slice(0, MAX_CHARS) : b;
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  const k = Math.min(longest, Math.floor((1 - floor) * longest));
  const d = levenshteinWithin(x, y, k);
  return 1 - d / longest;
}

/** Weight of a line pair in a window score: long lines say more than a lone brace. */
export function pairWeight(a: string, b: string): number {
  return Math.min(Math.max(a.length, b.length), MAX_CHARS) + 1;
}
