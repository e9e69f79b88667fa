/**
 * Applying a file's blocks or hunks in order to its evolving text. All or nothing:
 * one failed block means no new text, but every block is still tried and reported so
 * the review and the repair turn can explain each one.
 */
import { placeBlock, placeLines, type Placed } from './place';
import { RANK } from './rungs';
import { countLineBreaks } from './text';
import type { BlockResult, DiffHunk, FileEditResult, MatchFailure, MatchRung, SearchReplace } from './types';

/**
 * `loosest`: no block may be placed by a looser reading than this rung. Re-placing accepted edits
 * on newer text uses it, so a replay never reads the model's text more loosely than the review did.
 */
export interface PlaceLimit {
  loosest?: MatchRung;
}

export function applyFileEdits(text: string, edits: SearchReplace[], limit: PlaceLimit = {}): FileEditResult {
  // Line hints (hint headers, numbered lines) count lines of the file as it was before any block:
  // lines that earlier blocks added or removed above a hinted line move it.
  const moved: Array<{ at: number; by: number }> = [];
  const shift = (line: number) => line + moved.reduce((sum, m) => (m.at <= line ? sum + m.by : sum), 0);
  return run(text, edits.length, (cur, index) => {
    const e = edits[index];
    if (typeof e?.search !== 'string' || typeof e?.replace !== 'string') {
      return { ok: false, block: { ok: false, index, reason: 'invalid', message: `Block ${index + 1}: search and replace must both be text.` } };
    }
    const placed = placeBlock(cur, e.search, e.replace, { index, shift, ...limit });
    if (placed.ok && placed.block.ok && index < edits.length - 1) {
      moved.push({ at: placed.block.startLine - 1, by: countLineBreaks(placed.text) - countLineBreaks(cur) });
    }
    return placed;
  });
}

/** Splits a hunk's prefixed lines into the text it expects and the text it leaves. */
export function hunkSides(hunk: DiffHunk): { before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  for (const line of hunk.lines) {
    const p = line[0];
    if (p === '\\') continue; // "\ No newline at end of file"
    if (p === '-') before.push(line.slice(1));
    else if (p === '+') after.push(line.slice(1));
    else {
      // Models sometimes drop the leading space of a context line; keep the line whole then.
      const body = p === ' ' ? line.slice(1) : line;
      before.push(body);
      after.push(body);
    }
  }
  return { before, after };
}

/** Line numbers in hunk headers are hints only: they break ties, they never place a hunk alone. */
export function applyPatch(text: string, hunks: DiffHunk[], limit: PlaceLimit = {}): FileEditResult {
  let delta = 0;
  return run(text, hunks.length, (cur, index) => {
    const { before, after } = hunkSides(hunks[index]);
    // A hunk that only adds lines can only go into an empty file; its lines end with newlines.
    const noEol = hunks[index].lines.some((l) => l.startsWith('\\'));
    const added = before.length === 0 && after.length > 0 && !noEol ? `${after.join('\n')}\n` : after.join('\n');
    const hint = hunks[index].oldStart > 0 ? hunks[index].oldStart - 1 + delta : undefined;
    const placed = placeLines(cur, before.join('\n'), added, before, after, { index, lineOnly: true, hint, ...limit });
    if (placed.ok) delta += after.length - before.length;
    return placed;
  });
}

/** The blocks that did not place, as failures; each message already names its block ("Block 2: …"). */
export function blockFailures(blocks: readonly BlockResult[]): MatchFailure[] {
  return blocks.flatMap((block) => {
    if (block.ok) return [];
    const { ok: _ok, index: _index, ...failure } = block;
    return [failure as MatchFailure];
  });
}

/** The loosest of `since` and the rungs that placed the blocks (undefined when there is none). */
export function loosestRung(blocks: readonly BlockResult[], since?: MatchRung): MatchRung | undefined {
  let loosest = since;
  for (const b of blocks) if (b.ok && (loosest === undefined || RANK[b.rung] > RANK[loosest])) loosest = b.rung;
  return loosest;
}

const BOM = '\uFEFF';

function run(text: string, count: number, place: (cur: string, index: number) => Placed): FileEditResult {
  // A byte-order mark is not part of the first line: match without it, keep it on the result.
  const bom = text.startsWith(BOM) ? BOM : '';
  let cur = text.slice(bom.length);
  let failed = false;
  const blocks: BlockResult[] = [];
  for (let index = 0; index < count; index++) {
    const placed = place(cur, index);
    blocks.push(placed.block);
    if (placed.ok) cur = placed.text;
    else failed = true;
  }
  return failed ? { blocks } : { newText: bom + cur, blocks };
}
