/**
 * Carrying a replacement over to the place where its search text was found when that
 * place differs in indentation or small details: lines the model left unchanged are
 * copied from the file itself (so drift in them is never reverted), new lines are
 * re-indented from the model's indentation to the file's (tabs vs spaces respected).
 */
import { diffArrays } from 'diff';
import { isBlank, leadingWhitespace, type OutLine } from './text';

const TAB = 4;

export function width(ws: string): number {
  let w = 0;
  for (const ch of ws) w = ch === '\t' ? w + TAB - (w % TAB) : w + 1;
  return w;
}

/** Smallest positive step between indentation widths, the block's indent unit. */
function indentUnit(lines: string[]): number | undefined {
  const widths = [...new Set(lines.filter((l) => !isBlank(l)).map((l) => width(leadingWhitespace(l))))].sort((a, b) => a - b);
  let unit: number | undefined;
  for (let i = 1; i < widths.length; i++) {
    const d = widths[i] - widths[i - 1];
    if (d > 0 && (unit === undefined || d < unit)) unit = d;
  }
  return unit;
}

/** Maps a model-indented line to the file's indentation, relative to a nearby search line (its anchor). */
export type Reindent = (line: string, anchor: number) => string;

/**
 * Builds the re-indenter for a window that matched `search` line for line. Each new line is
 * indented relative to its anchor (the search line just before it), so a model that flattened
 * all indentation still gets new lines at their neighbours' depth.
 */
export function makeReindent(search: string[], window: string[], fileUsesTabs: boolean, replace: string[] = []): Reindent {
  const pairs: Array<[string, string]> = [];
  for (let j = 0; j < search.length && j < window.length; j++) {
    if (isBlank(search[j]) || isBlank(window[j])) continue;
    pairs.push([leadingWhitespace(search[j]), leadingWhitespace(window[j])]);
  }
  if (pairs.every(([s, f]) => s === f)) return (l) => l;
  const useTabs = pairs.some(([, f]) => f.includes('\t')) || (fileUsesTabs && !pairs.some(([, f]) => f.startsWith(' ')));
  let scale: number | undefined;
  const sorted = [...pairs].sort((a, b) => width(a[0]) - width(b[0]));
  for (const [s, f] of sorted) {
    const ds = width(s) - width(sorted[0][0]);
    if (ds > 0) {
      const df = width(f) - width(sorted[0][1]);
      if (df > 0) scale = df / ds;
      break;
    }
  }
  if (scale === undefined) {
    const su = indentUnit([...search, ...replace]);
    const fu = indentUnit(window);
    scale = su && fu ? fu / su : 1;
  }
  const k = scale;
  const anchorOf = (j: number): number => {
    for (let a = Math.min(j, search.length - 1); a >= 0; a--) if (!isBlank(search[a]) && !isBlank(window[a] ?? '')) return a;
    for (let a = j + 1; a < search.length; a++) if (!isBlank(search[a]) && !isBlank(window[a] ?? '')) return a;
    return -1;
  };
  return (line, anchor) => {
    if (isBlank(line)) return '';
    const ws = leadingWhitespace(line);
    const body = line.slice(ws.length);
    const a = anchorOf(anchor);
    if (a < 0) return line;
    const sWs = leadingWhitespace(search[a]);
    const fWs = leadingWhitespace(window[a]);
    if (ws === sWs) return fWs + body;
    const w = Math.max(0, Math.round(width(fWs) + k * (width(ws) - width(sWs))));
    const indent = useTabs ? '\t'.repeat(Math.floor(w / TAB)) + ' '.repeat(w % TAB) : ' '.repeat(w);
    return indent + body;
  };
}

/**
 * Output lines for a window of the file that matched `search` line for line.
 * `window` are the file's lines, `windowStart` their index in the file.
 */
export function transplant(search: string[], replace: string[], window: string[], windowStart: number, fileUsesTabs: boolean): OutLine[] {
  const reindent = makeReindent(search, window, fileUsesTabs, replace);
  const out: OutLine[] = [];
  let si = 0;
  let removedAt = -1;
  let removedCount = 0;
  for (const change of diffArrays(search, replace)) {
    if (change.removed) {
      removedAt = si;
      removedCount = change.count;
      si += change.count;
    } else if (change.added) {
      // Lines that replace removed ones take their indentation cue from them, pair by pair;
      // pure insertions from the line before (or after, at the very top).
      change.value.forEach((line, i) => {
        const anchor = removedCount > 0 ? removedAt + Math.min(i, removedCount - 1) : si > 0 ? si - 1 : 0;
        out.push({ text: reindent(line, anchor) });
      });
      removedCount = 0;
    } else {
      removedCount = 0;
      for (let k = 0; k < change.count; k++, si++) out.push({ text: window[si], from: windowStart + si });
    }
  }
  return out;
}

/** Whether a file indents with tabs, judged from its first indented lines. */
export function usesTabs(lines: string[]): boolean {
  let tabs = 0;
  let spaces = 0;
  for (let i = 0; i < lines.length && tabs + spaces < 200; i++) {
    const c = lines[i].charCodeAt(0);
    if (c === 9) tabs++;
    else if (c === 32 && lines[i].trim() !== '') spaces++;
  }
  return tabs > spaces;
}
