/**
 * A file's text as lines, keeping what is needed to write it back byte for byte:
 * each line's own terminator (CRLF or LF) and whether the file ends with a newline.
 * Line offsets are kept too, so a change is spliced into the text instead of
 * rebuilding a large file line by line.
 */
export interface Doc {
  text: string;
  /** Line contents without their terminators. */
  lines: string[];
  /** Offset of each line's first character in `text`; one more entry holds text.length. */
  starts: Int32Array;
  /** 1 when a line is (or, for an unterminated last line, would be) terminated by CRLF. */
  cr: Uint8Array;
  finalNewline: boolean;
  eol: '\n' | '\r\n';
}

export function splitDoc(text: string): Doc {
  if (text === '') return { text, lines: [], starts: Int32Array.of(0), cr: new Uint8Array(0), finalNewline: false, eol: '\n' };
  const lines = text.split('\n');
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  const n = lines.length;
  const terminated = finalNewline ? n : n - 1;
  const starts = new Int32Array(n + 1);
  const cr = new Uint8Array(n);
  let crCount = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const l = lines[i];
    starts[i] = at;
    at += l.length + 1;
    if (i < terminated && l.charCodeAt(l.length - 1) === 13) {
      crCount++;
      cr[i] = 1;
      lines[i] = l.slice(0, -1);
    }
  }
  starts[n] = text.length;
  const eol = terminated > 0 && crCount * 2 > terminated ? '\r\n' : '\n';
  // An unterminated last line that later gains a successor must get the file's usual ending.
  if (!finalNewline) cr[n - 1] = eol === '\r\n' ? 1 : 0;
  return { text, lines, starts, cr, finalNewline, eol };
}

/** One output line of a replacement: either copied from the file (keeps its ending) or new. */
export interface OutLine {
  text: string;
  from?: number;
}

/**
 * The text with lines [start, end) replaced by `out`. Copied lines keep their own ending, new
 * ones take the file's dominant ending; the last line keeps the file's final-newline state.
 */
export function spliceDoc(doc: Doc, start: number, end: number, out: OutLine[]): string {
  const n = doc.lines.length;
  const ending = (o: OutLine) => (o.from !== undefined ? (doc.cr[o.from] ? '\r\n' : '\n') : doc.eol);
  let prefix = doc.text.slice(0, doc.starts[start]);
  const atEnd = end === n;
  if (atEnd && start === n && start > 0 && !doc.finalNewline && out.length > 0) {
    // Appending after an unterminated last line: it gains its ending.
    prefix += doc.cr[n - 1] ? '\r\n' : '\n';
  }
  if (atEnd && out.length === 0 && start > 0 && start < n && !doc.finalNewline) {
    // The lines before the window become the end of a file that has no final newline.
    prefix = doc.text.slice(0, doc.starts[start - 1] + doc.lines[start - 1].length);
  }
  const middle: string[] = [];
  for (let k = 0; k < out.length; k++) {
    middle.push(out[k].text);
    if (!atEnd || k < out.length - 1 || doc.finalNewline) middle.push(ending(out[k]));
  }
  const suffix = atEnd ? '' : doc.text.slice(doc.starts[end]);
  return prefix + middle.join('') + suffix;
}

/** Lines of a model-written block; a trailing newline does not make an extra empty line. */
export function blockLines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split(/\r?\n/);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function leadingWhitespace(line: string): string {
  const m = /^[ \t]*/.exec(line);
  return m ? m[0] : '';
}

const NON_BLANK = /\S/;

/** Whitespace only (or empty); tested without allocating, since it runs on every line of large files. */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    // Past the usual indentation: printable ASCII decides at once, anything else as trim() would.
    return c > 32 && c < 127 ? false : !NON_BLANK.test(line.slice(i));
  }
  return true;
}

/** 1-based line number of a character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  let i = text.indexOf('\n');
  while (i !== -1 && i < offset) {
    line++;
    i = text.indexOf('\n', i + 1);
  }
  return line;
}

/** Text of lines [start, end) (0-based) with 1-based numbers, for messages and prompts. */
export function numbered(lines: string[], start: number, end: number): string {
  const out: string[] = [];
  const width = String(Math.min(end, lines.length)).length;
  for (let i = Math.max(0, start); i < Math.min(end, lines.length); i++) {
    out.push(`${String(i + 1).padStart(width)} | ${lines[i]}`);
  }
  return out.join('\n');
}

/** 0-based line of a character offset, by binary search over the line starts. */
export function lineAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Line breaks in a text (for keeping line hints right as earlier blocks change the file). */
export function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Blank lines at the edges of a search, dropped with their counterparts in the replacement. */
export function trimBlankEdges(search: string[], replace: string[]): [string[], string[]] {
  const s = [...search];
  const r = [...replace];
  while (s.length && isBlank(s[0])) {
    s.shift();
    if (r.length && isBlank(r[0])) r.shift();
  }
  while (s.length && isBlank(s[s.length - 1])) {
    s.pop();
    if (r.length && isBlank(r[r.length - 1])) r.pop();
  }
  return [s, r];
}

/** Block text from lines, ending with a newline when the model's text did. */
export function joinBlock(lines: string[], original: string): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}${/\n$/.test(original) ? '\n' : ''}`;
}
