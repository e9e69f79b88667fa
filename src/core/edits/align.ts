/**
 * Carrying a block over to a place in the file whose blank lines differ from the block's:
 * the model left out a blank line the file has, or added one it does not. The block is
 * rewritten into the window's shape (the file's blank lines in, the model's extra blank
 * lines out) so the line-for-line transplant can place it without deleting or adding
 * blank lines the edit never meant to touch.
 */
import { diffArrays } from 'diff';
import { isBlank } from './text';

type Step = { kind: 'keep' | 'del'; j: number } | { kind: 'add'; text: string };

function steps(search: string[], replace: string[]): Step[] {
  const out: Step[] = [];
  let j = 0;
  for (const change of diffArrays(search, replace)) {
    if (change.added) for (const text of change.value) out.push({ kind: 'add', text });
    else for (let k = 0; k < change.count; k++) out.push({ kind: change.removed ? 'del' : 'keep', j: j++ });
  }
  return out;
}

/**
 * `toWindow[j]` is the window index of search line j, or -1 for a blank search line the file
 * does not have; window lines no search line maps to are the file's extra blank lines.
 * Returns search and replacement lines as long as the window, line for line.
 */
export function alignToWindow(search: string[], replace: string[], window: string[], toWindow: number[]): { search: string[]; replace: string[] } {
  const mapped = new Array<number>(window.length).fill(-1);
  toWindow.forEach((w, j) => {
    if (w >= 0) mapped[w] = j;
  });
  const aligned = window.map((line, w) => (mapped[w] >= 0 ? search[mapped[w]] : line));
  // The model's blank lines that the file does not have are not part of the edit.
  const script = steps(search, replace).filter((s) => s.kind === 'add' || toWindow[s.j] >= 0);
  /** The first line the model wrote in place of a removed run that starts at step k. */
  const rewrittenAs = (k: number): string | undefined => {
    while (k < script.length && script[k].kind === 'del') k++;
    const s = script[k];
    return s?.kind === 'add' ? s.text : undefined;
  };
  const out: string[] = [];
  let w = 0;
  let prevKind: Step['kind'] | undefined;
  let lastAdded: string | undefined;
  script.forEach((s, k) => {
    if (s.kind === 'add') {
      out.push(s.text);
      lastAdded = s.text;
      return;
    }
    const at = toWindow[s.j];
    // The file's blank lines before this line stay, unless the lines around them are both
    // removed or the model wrote its own blank line just there (before this line, or first
    // in place of it).
    const bothRemoved = s.kind === 'del' && prevKind === 'del';
    const rewritten = s.kind === 'del' && prevKind !== 'del' ? rewrittenAs(k) : undefined;
    const ownBlank = (lastAdded !== undefined && isBlank(lastAdded)) || (rewritten !== undefined && isBlank(rewritten));
    if (!bothRemoved && !ownBlank) for (let g = w; g < at; g++) out.push(window[g]);
    w = at + 1;
    prevKind = s.kind;
    lastAdded = undefined;
    if (s.kind === 'keep') out.push(search[s.j]);
  });
  return { search: aligned, replace: out };
}
