/**
 * A file's text as lines, keeping what is needed to write it back byte for byte:
 * each line's own terminator (CRLF or LF) and whether the file ends with a newline.
 */
export interface Doc {
  /** Line contents without their terminators. */
  lines: string[];
  /** Whether each line is (or, for an unterminated last line, would be) terminated by CRLF. */
  cr: boolean[];
  finalNewline: boolean;
  eol: '\n' | '\r\n';
}

export function splitDoc(text: string): Doc {
  if (text === '') return { lines: [], cr: [], finalNewline: false, eol: '\n' };
  const raw = text.split('\n');
  const finalNewline = raw[raw.length - 1] === '';
  if (finalNewline) raw.pop();
  const terminated = finalNewline ? raw.length : raw.length - 1;
  let crCount = 0;
  const cr: boolean[] = new Array<boolean>(raw.length);
  const lines: string[] = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i];
    const isCr = i < terminated && l.endsWith('\r');
    if (isCr) crCount++;
    cr[i] = isCr;
    lines[i] = isCr ? l.slice(0, -1) : l;
  }
  const eol = terminated > 0 && crCount * 2 > terminated ? '\r\n' : '\n';
  // An unterminated last line that later gains a successor must get the file's usual ending.
  if (!finalNewline && raw.length > 0) cr[raw.length - 1] = eol === '\r\n';
  return { lines, cr, finalNewline, eol };
}

export function joinDoc(doc: Doc): string {
  const out: string[] = [];
  const n = doc.lines.length;
  for (let i = 0; i < n; i++) {
    out.push(doc.lines[i]);
    if (i < n - 1 || doc.finalNewline) out.push(doc.cr[i] ? '\r\n' : '\n');
  }
  return out.join('');
}

/** One output line of a replacement: either copied from the file (keeps its ending) or new. */
export interface OutLine {
  text: string;
  from?: number;
}

/** Replaces lines [start, end) of the doc; new lines take the file's dominant line ending. */
export function replaceLines(doc: Doc, start: number, end: number, out: OutLine[]): Doc {
  const crNew = doc.eol === '\r\n';
  const lines = doc.lines.slice(0, start);
  const cr = doc.cr.slice(0, start);
  for (const o of out) {
    lines.push(o.text);
    cr.push(o.from !== undefined ? doc.cr[o.from] : crNew);
  }
  for (let i = end; i < doc.lines.length; i++) {
    lines.push(doc.lines[i]);
    cr.push(doc.cr[i]);
  }
  return { lines, cr, finalNewline: lines.length > 0 && doc.finalNewline, eol: doc.eol };
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

export function isBlank(line: string): boolean {
  return line.trim() === '';
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
