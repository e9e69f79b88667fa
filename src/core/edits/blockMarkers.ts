/**
 * The SEARCH/REPLACE block markers as models write them: `<` and `>` runs of five or more, and
 * a divider of five to nine `=`. A run of `=` is also a Markdown/RST heading underline, so when
 * a block holds several such lines the divider is the one that reads as a divider: the length
 * of the block's own markers (or the usual seven) and not under a heading's title. When that
 * leaves more than one, the block is refused rather than split at a guess.
 */
export const SEARCH = /^\s*(<{5,})\s*SEARCH\b.*$/;
export const REPLACE = /^\s*>{5,}\s*REPLACE\b.*$/;
export const EQUALS = /^\s*(={5,9})\s*$/;

export interface ReadBlock {
  search: string;
  replace: string;
  /** Index of the line after the block. */
  next: number;
  problem?: string;
}

/** A title right above a run of `=`: unindented text exactly as long as the run, as headings are written. */
function underlinesTitle(lines: string[], at: number, start: number): boolean {
  const title = lines[at - 1];
  if (at - 1 <= start || title.trim() === '' || /^\s/.test(title) || EQUALS.test(title)) return false;
  return title.trim().length === lines[at].trim().length;
}

/** The divider's index, or the lines that could each be it when none stands out. */
function chooseDivider(lines: string[], start: number, candidates: number[]): number | number[] {
  const markerLength = SEARCH.exec(lines[start])?.[1].length ?? 7;
  const run = (i: number) => lines[i].trim().length;
  const matching = (i: number) => run(i) === markerLength;
  const usual = (i: number) => run(i) === 7 || matching(i);
  const plain = (i: number) => !underlinesTitle(lines, i, start);
  const tiers = [(i: number) => matching(i) && plain(i), (i: number) => usual(i) && plain(i), plain, usual];
  for (const tier of tiers) {
    const chosen = candidates.filter(tier);
    if (chosen.length === 1) return chosen[0];
  }
  return candidates;
}

/** Reads the block whose SEARCH marker is at `start` (the block is the `n`th of the answer). */
export function readBlock(lines: string[], start: number, n: number): ReadBlock {
  const where = `Block ${n} (line ${start + 1})`;
  let end = start + 1;
  while (end < lines.length && !REPLACE.test(lines[end]) && !SEARCH.test(lines[end])) end++;
  const candidates: number[] = [];
  for (let i = start + 1; i < end; i++) if (EQUALS.test(lines[i])) candidates.push(i);
  const failed = (problem: string, next = end): ReadBlock => ({ search: '', replace: '', next, problem });
  if (end >= lines.length || SEARCH.test(lines[end])) {
    if (candidates.length === 0) {
      return end >= lines.length
        ? failed(`${where}: no "=======" divider and no ">>>>>>> REPLACE" line; the block is unterminated.`)
        : failed(`${where}: a new "<<<<<<< SEARCH" starts at line ${end + 1} before this block's "=======" divider.`);
    }
    return failed(`${where}: the replacement after the divider at line ${candidates[0] + 1} is never ended by ">>>>>>> REPLACE"; the block is unterminated.`);
  }
  if (candidates.length === 0) return failed(`${where}: missing the "=======" divider between the search and replacement text.`, end + 1);
  const chosen = chooseDivider(lines, start, candidates);
  if (Array.isArray(chosen)) {
    return failed(
      chosen.length === 1
        ? `${where}: its only "=" line (line ${chosen[0] + 1}) underlines the heading above it, so the block has no clear "=======" divider; it was not applied.`
        : `${where}: ${chosen.length} lines could be its "=======" divider (lines ${chosen.map((i) => i + 1).join(', ')}); the block is ambiguous, so it was not applied.`,
      end + 1,
    );
  }
  // Blocks hold whole lines: each keeps its line break, so a trailing blank line is part of the text.
  const body = (ls: string[]) => (ls.length ? `${ls.join('\n')}\n` : '');
  return { search: body(lines.slice(start + 1, chosen)), replace: body(lines.slice(chosen + 1, end)), next: end + 1 };
}
