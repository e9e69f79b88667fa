/**
 * Where a streaming markdown text can be cut so that everything before the cut
 * is finished blocks: after a blank line or a closing fence, never inside a fence.
 * Finished blocks are rendered once; only the unfinished tail is re-rendered per frame.
 */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * With a `budget`, stops at the last cut within `budget` characters of `from` (or the
 * first cut after it, if there is none inside), so one frame never renders too much.
 */
export function stableBoundary(text: string, from: number, budget = Infinity): number {
  let fence: string | undefined;
  let boundary = from;
  let lineStart = from;
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) break; // the last line is still being written
    const line = text.slice(lineStart, newline);
    const marker = FENCE.exec(line);
    if (marker && !fence) {
      fence = marker[1];
    } else if (marker && fence && marker[1][0] === fence[0] && marker[1].length >= fence.length && line.trim() === marker[1]) {
      fence = undefined;
      boundary = newline + 1;
    } else if (!fence && line.trim() === '') {
      boundary = newline + 1;
    }
    lineStart = newline + 1;
    if (boundary > from && lineStart - from > budget) break;
  }
  return boundary;
}
