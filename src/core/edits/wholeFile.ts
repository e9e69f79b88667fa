/**
 * A whole file proposed where a file already exists. A file announced as new never replaces
 * it: the one reading kept is "the new text only adds lines", which loses nothing and is shown
 * as those additions. A plain whole-file replacement keeps the file's line endings and
 * byte-order mark, so its diff shows the lines that change and nothing else.
 */
import { diffArrays } from 'diff';
import { blockLines, isBlank, spliceDoc, splitDoc, type OutLine } from './text';

const BOM = '\uFEFF';

/** How a new file's text relates to the text already at its path. */
export type OverExisting = { kind: 'same' } | { kind: 'adds'; text: string } | { kind: 'replaces' };

/** Lines are compared ignoring trailing whitespace; kept lines stay exactly as the file has them. */
export function overExisting(existing: string, content: string): OverExisting {
  // An empty file has nothing to lose: the new text is written into it as given.
  if (isBlank(existing)) return isBlank(content) ? { kind: 'same' } : { kind: 'adds', text: content };
  const doc = splitDoc(existing.startsWith(BOM) ? existing.slice(1) : existing);
  const wanted = blockLines(content.startsWith(BOM) ? content.slice(1) : content);
  const changes = diffArrays(doc.lines, wanted, { comparator: (a, b) => a.trimEnd() === b.trimEnd() });
  if (changes.some((c) => c.removed)) return { kind: 'replaces' };
  if (!changes.some((c) => c.added)) return { kind: 'same' };
  const out: OutLine[] = [];
  let at = 0;
  for (const c of changes) {
    if (c.added) for (const text of c.value) out.push({ text });
    else for (let k = 0; k < c.count; k++, at++) out.push({ text: doc.lines[at], from: at });
  }
  return { kind: 'adds', text: (existing.startsWith(BOM) ? BOM : '') + spliceDoc(doc, 0, doc.lines.length, out) };
}

/** A replacement's text with the existing file's line endings (when it used one style) and byte-order mark. */
export function asReplacement(existing: string, content: string): string {
  const crlf = splitDoc(existing).eol === '\r\n';
  let text = crlf && !content.includes('\r\n') ? content.replace(/\n/g, '\r\n') : content;
  if (existing.startsWith(BOM) && !text.startsWith(BOM)) text = BOM + text;
  return text;
}
