/** How per-hunk decisions add up to a file's decision, and hunk labels for the tree. */
import type { DiffHunk } from '../edits/types';
import type { Decision, FileDecision } from './types';

export function summarize(decisions: readonly Decision[], fileDecision: Decision): FileDecision {
  if (decisions.length === 0) return fileDecision;
  if (decisions.every((d) => d === 'accepted')) return 'accepted';
  if (decisions.every((d) => d === 'rejected')) return 'rejected';
  if (decisions.every((d) => d === 'pending')) return 'pending';
  return decisions.includes('accepted') ? 'partial' : 'pending';
}

export function hunkCounts(hunk: DiffHunk): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of hunk.lines) {
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { added, removed };
}

/**
 * Where a hunk's changed lines are, without its context lines (1-based): neighbouring hunks
 * share context, so only the changed lines tell them apart. `oldFirst` is the first line
 * removed, or for a pure insertion the line the new lines follow (0: the start of the file).
 */
export function hunkSpan(hunk: DiffHunk): { oldFirst: number; removed: number; newFirst: number; added: number } {
  const before = hunk.lines.findIndex((line) => line.startsWith('-') || line.startsWith('+'));
  const context = hunk.lines.slice(0, before < 0 ? 0 : before).filter((line) => line.startsWith(' ')).length;
  const { added, removed } = hunkCounts(hunk);
  return { oldFirst: hunk.oldStart + context - (removed === 0 ? 1 : 0), removed, newFirst: hunk.newStart + context, added };
}

/** The hunk's changed lines in the current file: two hunks' labels never share a line. */
export function hunkLabel(hunk: DiffHunk): string {
  const { oldFirst, removed } = hunkSpan(hunk);
  if (removed === 0) return oldFirst === 0 ? 'At the start' : `After line ${oldFirst}`;
  return removed === 1 ? `Line ${oldFirst}` : `Lines ${oldFirst}–${oldFirst + removed - 1}`;
}

export function countsLabel(added: number, removed: number): string {
  return `+${added} −${removed}`;
}

/**
 * The hunk a cursor on `line` (1-based) of one side of the diff means: the one whose changed
 * lines hold it, else the nearest (a cursor on a context line still picks the change beside it).
 */
export function hunkAtLine(hunks: readonly DiffHunk[], line: number, side: 'old' | 'new'): number | undefined {
  let best: { index: number; distance: number } | undefined;
  hunks.forEach((hunk, index) => {
    const span = hunkSpan(hunk);
    const first = side === 'old' ? span.oldFirst : span.newFirst;
    const count = side === 'old' ? span.removed : span.added;
    // An insertion has no old lines (a deletion no new ones): it sits right after `first` (before it).
    const last = count === 0 ? first : first + count - 1;
    const distance = line < first ? first - line : line > last ? line - last : 0;
    if (!best || distance < best.distance) best = { index, distance };
  });
  return best?.index;
}
