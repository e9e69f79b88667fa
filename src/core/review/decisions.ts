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

export function hunkLabel(hunk: DiffHunk): string {
  const last = hunk.oldStart + Math.max(hunk.oldLines, 1) - 1;
  return hunk.oldLines <= 1 ? `Line ${hunk.oldStart}` : `Lines ${hunk.oldStart}–${last}`;
}

export function countsLabel(added: number, removed: number): string {
  return `+${added} −${removed}`;
}
