/**
 * How loose each reading of a block is, and when one place is clear enough to take:
 * the rules the matching ladder (src/core/edits/place.ts) and apply's replay
 * (src/core/edits/apply.ts) share.
 */
import type { MatchRung } from './types';

/** A fuzzy window at least this similar to the search text may be placed. */
export const FUZZY_THRESHOLD = 0.8;
/**
 * The best fuzzy window must beat the runner-up by this much to count as one clear place,
 * or be at least RELATIVE_MARGIN times closer to the search text (and still ahead by MIN_MARGIN):
 * 99% vs 96.5% similar means a third of the differences, which is clear; 85% vs 80% is not.
 */
const FUZZY_MARGIN = 0.08;
const RELATIVE_MARGIN = 3;
const MIN_MARGIN = 0.02;
/** How loose each rung's reading is; indentation and blank lines are different loosenings of equal rank. */
export const RANK: Record<MatchRung, number> = { exact: 0, whitespace: 1, indentation: 2, 'blank-lines': 2, elision: 3, fragment: 4, fuzzy: 5 };

/** The stricter of a rung and an optional limit. */
export function within(rung: MatchRung, limit: MatchRung | undefined): MatchRung {
  return limit !== undefined && RANK[limit] < RANK[rung] ? limit : rung;
}

/** A line hint chooses between equal places only when exactly one lies this close to it. */
const HINT_SLACK = 3;

/** Whether the best fuzzy window is one clear place rather than a tie with the runner-up. */
export function clearlyBest(best: number, second: number | undefined): boolean {
  if (second === undefined) return true;
  const gap = best - second;
  return gap >= FUZZY_MARGIN || (gap >= MIN_MARGIN && 1 - second >= RELATIVE_MARGIN * (1 - best));
}

/** The one hit a line hint points at: the hinted line itself, or the only hit within HINT_SLACK of it. */
export function byHint(hits: number[], hint: number | undefined): number | undefined {
  if (hint === undefined) return undefined;
  if (hits.includes(hint)) return hint;
  const near = hits.filter((h) => Math.abs(h - hint) <= HINT_SLACK);
  return near.length === 1 ? near[0] : undefined;
}
