/**
 * Hunks for the review: one per contiguous change, so each can be kept or undone on
 * its own, and rebuilding the text from any subset of them.
 */
import { diffArrays } from 'diff';
import { splitDoc } from './text';
import type { DiffHunk } from './types';

const CONTEXT = 3;
const NO_NEWLINE = '\\ No newline at end of file';

interface Region {
  oldAt: number;
  removed: string[];
  newAt: number;
  added: string[];
}

/** Lines with their terminators, so a change of the final newline is a change too. */
function terminatedLines(text: string): string[] {
  return text === '' ? [] : (text.match(/[^\n]*\n|[^\n]+$/g) ?? []);
}

function regions(oldText: string, newText: string): { regions: Region[]; oldLines: string[] } {
  const a = terminatedLines(oldText);
  const b = terminatedLines(newText);
  const out: Region[] = [];
  let oi = 0;
  let ni = 0;
  let cur: Region | undefined;
  for (const c of diffArrays(a, b)) {
    if (c.added || c.removed) {
      cur ??= { oldAt: oi, removed: [], newAt: ni, added: [] };
      if (c.removed) {
        cur.removed.push(...c.value);
        oi += c.count;
      } else {
        cur.added.push(...c.value);
        ni += c.count;
      }
    } else {
      if (cur) out.push(cur);
      cur = undefined;
      oi += c.count;
      ni += c.count;
    }
  }
  if (cur) out.push(cur);
  return { regions: out, oldLines: a };
}

export function diffStats(oldText: string, newText: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const r of regions(oldText, newText).regions) {
    added += r.added.length;
    removed += r.removed.length;
  }
  return { added, removed };
}

function shown(prefix: string, line: string): string[] {
  const body = line.endsWith('\n') ? line.slice(0, line.endsWith('\r\n') ? -2 : -1) : line;
  return line.endsWith('\n') ? [prefix + body] : [prefix + body, NO_NEWLINE];
}

export function splitHunks(oldText: string, newText: string): DiffHunk[] {
  const { regions: rs, oldLines } = regions(oldText, newText);
  return rs.map((r) => {
    const before = oldLines.slice(Math.max(0, r.oldAt - CONTEXT), r.oldAt);
    const afterStart = r.oldAt + r.removed.length;
    const after = oldLines.slice(afterStart, afterStart + CONTEXT);
    const lines = [
      ...before.flatMap((l) => shown(' ', l)),
      ...r.removed.flatMap((l) => shown('-', l)),
      ...r.added.flatMap((l) => shown('+', l)),
      ...after.flatMap((l) => shown(' ', l)),
    ];
    return {
      oldStart: r.oldAt - before.length + 1,
      oldLines: before.length + r.removed.length + after.length,
      newStart: r.newAt - before.length + 1,
      newLines: before.length + r.added.length + after.length,
      lines,
    };
  });
}

/**
 * Rebuilds the text keeping only the selected hunks (in splitHunks' order). Hunks are placed
 * by their old line numbers, which are exact here because they came from the same old text.
 */
export function applySelectedHunks(oldText: string, hunks: DiffHunk[], selected: boolean[]): string {
  if (selected.length !== hunks.length) throw new Error(`applySelectedHunks: ${hunks.length} hunks but ${selected.length} selections.`);
  const oldLines = terminatedLines(oldText);
  const eol = splitDoc(oldText).eol;
  const out: string[] = [];
  let at = 0;
  hunks.forEach((h, k) => {
    if (!selected[k]) return;
    let lead = 0;
    while (lead < h.lines.length && h.lines[lead].startsWith(' ')) lead++;
    const changeAt = h.oldStart - 1 + lead;
    if (changeAt < at) throw new Error(`applySelectedHunks: hunk ${k + 1} overlaps the one before it.`);
    out.push(...oldLines.slice(at, changeAt));
    let removed = 0;
    const body = h.lines.slice(lead);
    for (let i = 0; i < body.length; i++) {
      const l = body[i];
      if (l.startsWith('-')) removed++;
      else if (l.startsWith('+')) out.push(l.slice(1) + (body[i + 1] === NO_NEWLINE ? '' : eol));
      else if (l.startsWith(' ')) break;
    }
    for (let i = 0; i < removed; i++) {
      const l = oldLines[changeAt + i];
      const expected = body.filter((x) => x.startsWith('-'))[i].slice(1);
      if (l === undefined || l.replace(/\r?\n$/, '') !== expected) {
        throw new Error(`applySelectedHunks: hunk ${k + 1} does not match the old text at line ${changeAt + i + 1}.`);
      }
    }
    at = changeAt + removed;
  });
  out.push(...oldLines.slice(at));
  return out.join('');
}
