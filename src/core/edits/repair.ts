/**
 * The one automatic repair turn: tell the model exactly why each block failed and show the
 * current text it must quote from, with line numbers, so the retry can succeed.
 */
import { numbered } from './text';
import type { MatchFailure } from './types';

/** Whole files up to this size are shown; larger ones only around the relevant places. */
const WHOLE_FILE_LINES = 150;
const AROUND = 4;

export function repairPrompt(path: string, currentText: string, failures: readonly MatchFailure[]): string {
  const lines = currentText.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [`Some of your edits to \`${path}\` could not be applied, so none of them were. Why:`];
  const spans: Array<[number, number]> = [];
  for (const f of failures) {
    out.push(`- ${f.message}`);
    if (f.reason === 'not-found' && f.nearest) spans.push([f.nearest.startLine, f.nearest.endLine]);
    if (f.reason === 'ambiguous') for (const c of f.candidates) spans.push([c.startLine, c.endLine]);
  }
  out.push('');
  if (lines.length <= WHOLE_FILE_LINES || spans.length === 0) {
    const shownLines = Math.min(lines.length, WHOLE_FILE_LINES * 2);
    out.push(`Current text of \`${path}\`${shownLines < lines.length ? ` (first ${shownLines} of ${lines.length} lines)` : ''}:`);
    out.push('```', numbered(lines, 0, shownLines), '```');
  } else {
    out.push(`Current text of \`${path}\` around those places (${lines.length} lines in all):`);
    for (const [s, e] of mergeSpans(spans.map(([s, e]) => [Math.max(1, s - AROUND), Math.min(lines.length, e + AROUND)]))) {
      out.push('```', numbered(lines, s - 1, e), '```');
    }
  }
  out.push(
    '',
    'Reply with corrected SEARCH/REPLACE blocks for every edit you still want (including the ones that did not fail, since nothing was applied). ' +
      'Copy each SEARCH text character for character from the current text above, without the line numbers and the " | " separator, ' +
      'and include enough surrounding lines that it matches exactly one place. Do not use "..." placeholders.',
  );
  return out.join('\n');
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}
