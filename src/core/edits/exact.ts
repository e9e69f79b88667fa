/**
 * Rung 1: the search text occurs verbatim. Works on the raw text so single-line
 * fragments (a call, an argument) can be replaced inside a line, as tool-calling models do.
 */

export interface ExactHit {
  start: number;
  end: number;
  /** Only whitespace before it on its first line and after it on its last line. */
  wholeLines: boolean;
}

const CAP = 50;

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function lineEndOf(text: string, pos: number): number {
  const i = text.indexOf('\n', pos);
  return i === -1 ? text.length : i;
}

/**
 * Every occurrence (overlapping ones too, since they compete for the same intent).
 * A multi-line search must cover whole lines from their first column: a match that starts
 * mid-line would splice the model's lines onto the wrong text.
 */
export function exactHits(text: string, search: string): ExactHit[] {
  const hits: ExactHit[] = [];
  const multiLine = search.includes('\n');
  let pos = text.indexOf(search);
  while (pos !== -1 && hits.length < CAP) {
    const end = pos + search.length;
    const before = text.slice(lineStartOf(text, pos), pos);
    const after = search.endsWith('\n') ? '' : text.slice(end, lineEndOf(text, end));
    const wholeLines = before.trim() === '' && after.trim() === '';
    // Lines must start where the file's lines start: a match after leftover indentation means the
    // model's indentation differs, and the indentation rung re-indents every line properly.
    if (!multiLine) hits.push({ start: pos, end, wholeLines });
    else if (wholeLines && before === '') hits.push({ start: pos, end, wholeLines });
    pos = text.indexOf(search, pos + 1);
  }
  return hits;
}

/** The one hit to use, or all competing hits; a lone whole-line hit beats fragments inside other lines. */
export function pickExact(hits: ExactHit[]): { hit?: ExactHit; competing: ExactHit[] } {
  if (hits.length === 1) return { hit: hits[0], competing: [] };
  const whole = hits.filter((h) => h.wholeLines);
  if (whole.length === 1) return { hit: whole[0], competing: [] };
  return { competing: whole.length > 1 ? whole : hits };
}

function dominantEol(text: string): '\n' | '\r\n' {
  let lf = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lf++;
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
  }
  return lf > 0 && crlf * 2 > lf ? '\r\n' : '\n';
}

/** Replaces one hit; deleting whole lines also removes their line break so no blank line is left. */
export function spliceExact(text: string, hit: ExactHit, replace: string): string {
  const eol = dominantEol(text);
  const rep = replace.replace(/\r?\n/g, eol);
  let { start, end } = hit;
  if (rep === '' && hit.wholeLines) {
    start = lineStartOf(text, start);
    if (!text.slice(start, end).endsWith('\n')) {
      const lineEnd = lineEndOf(text, end);
      if (lineEnd < text.length) end = lineEnd + 1;
      else if (start > 0) {
        end = lineEnd;
        start = text[start - 2] === '\r' ? start - 2 : start - 1;
      } else end = lineEnd;
    }
  }
  return text.slice(0, start) + rep + text.slice(end);
}
