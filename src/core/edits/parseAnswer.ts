/**
 * Turning a plain model answer into proposed changes: SEARCH/REPLACE blocks, unified
 * diffs and fenced whole files. Anything that looks like an edit but is malformed becomes
 * a `problems` entry naming the block and line; nothing is dropped silently.
 */
import { isElisionLine } from './elision';
import { isDiffStart, parseUnifiedDiff } from './parseDiff';
import { parseFenceInfo } from '../../shared/fenceInfo';
import { pathFromComment, pathFromLine, pathFromProse } from './pathLine';
import type { ProposedChange, SearchReplace } from './types';

const SEARCH = /^\s*<{5,9}\s*SEARCH\b.*$/;
// Exactly seven: longer runs of '=' are Markdown/RST heading underlines inside the code.
const DIVIDER = /^\s*={7}\s*$/;
const REPLACE = /^\s*>{5,9}\s*REPLACE\b.*$/;
const FENCE = /^\s*(`{3,}|~{3,})\s*(.*)$/;

interface Fence {
  marker: string;
  info: string;
  open: number;
  /** Index of the closing line, or lines.length when unterminated. */
  close: number;
}

function readFence(lines: string[], i: number): Fence | undefined {
  const m = FENCE.exec(lines[i]);
  if (!m || m[2].includes('`')) return undefined;
  const marker = m[1];
  let j = i + 1;
  while (j < lines.length) {
    const c = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j]);
    if (c && c[1][0] === marker[0] && c[1].length >= marker.length) break;
    j++;
  }
  return { marker, info: m[2].trim(), open: i, close: j };
}

class Changes {
  readonly list: ProposedChange[] = [];
  addEdit(path: string, edit: SearchReplace): void {
    const last = [...this.list].reverse().find((c) => c.kind === 'edit' && c.path === path);
    if (last && last.kind === 'edit') last.edits.push(edit);
    else this.list.push({ kind: 'edit', path, edits: [edit] });
  }
}

export function parseAnswer(text: string): { changes: ProposedChange[]; problems: string[] } {
  const lines = text.split(/\r?\n/);
  const out = new Changes();
  const problems: string[] = [];
  let blockNo = 0;
  let lastPath: string | undefined;
  let fenceEnd = -1; // closing line of a fence whose inside holds SEARCH/REPLACE blocks

  const prevNonBlank = (i: number): number => {
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    return k;
  };
  const pathBefore = (i: number): string | undefined => {
    const k = prevNonBlank(i);
    if (k < 0) return undefined;
    const fence = FENCE.exec(lines[k]);
    if (fence && k !== fenceEnd) {
      const fromInfo = parseFenceInfo(fence[2]).path;
      if (fromInfo) return fromInfo;
      const j = prevNonBlank(k);
      return j >= 0 ? (pathFromLine(lines[j]) ?? pathFromProse(lines[j])) : undefined;
    }
    return pathFromLine(lines[k]) ?? pathFromProse(lines[k]);
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (SEARCH.test(line)) {
      blockNo++;
      const path = pathBefore(i) ?? (REPLACE.test(lines[prevNonBlank(i)] ?? '') || fenceEnd > i ? lastPath : undefined);
      const r = readBlock(lines, i, blockNo);
      if (r.problem) problems.push(r.problem);
      else if (!path) problems.push(`Block ${blockNo} (line ${i + 1}): no file path on the line before "<<<<<<< SEARCH", so it cannot be applied.`);
      else {
        out.addEdit(path, { search: r.search, replace: r.replace });
        lastPath = path;
      }
      i = r.next;
      continue;
    }
    if (DIVIDER.test(line) || REPLACE.test(line)) {
      if (REPLACE.test(line) || lines.slice(i + 1).some((l) => REPLACE.test(l))) {
        problems.push(`Line ${i + 1}: "${line.trim()}" without a "<<<<<<< SEARCH" line before it; that block was not applied.`);
        i = nextMarker(lines, i + 1, REPLACE) + 1;
        continue;
      }
    }
    if (i === fenceEnd) {
      fenceEnd = -1;
      i++;
      continue;
    }
    if (isDiffStart(lines, i)) {
      const d = parseUnifiedDiff(lines, i, lines.length, false);
      out.list.push(...d.changes);
      problems.push(...d.problems);
      i = Math.max(d.next, i + 1);
      continue;
    }
    const fence = fenceEnd < 0 ? readFence(lines, i) : undefined;
    if (fence) {
      i = handleFence(lines, fence, out, problems, pathBefore);
      if (i === fence.open + 1) fenceEnd = fence.close;
      continue;
    }
    i++;
  }
  return { changes: out.list, problems };
}

/** Returns the index to continue from; entering the fence (open + 1) means it holds blocks. */
function handleFence(lines: string[], f: Fence, out: Changes, problems: string[], pathBefore: (i: number) => string | undefined): number {
  const inner = lines.slice(f.open + 1, f.close);
  const lang = f.info.split(/[\s:]/)[0].toLowerCase();
  if (inner.some((l) => SEARCH.test(l))) return f.open + 1;
  const firstReal = inner.find((l) => l.trim() !== '') ?? '';
  if (lang === 'diff' || lang === 'patch' || lang === 'udiff' || firstReal.startsWith('diff --git') || (firstReal.startsWith('--- ') && inner.some((l) => l.startsWith('+++ ')))) {
    const d = parseUnifiedDiff(lines, f.open + 1, f.close, true, parseFenceInfo(f.info).path ?? pathBefore(f.open));
    out.list.push(...d.changes);
    problems.push(...d.problems);
    if ((lang === 'diff' || lang === 'patch') && d.changes.length === 0 && d.problems.length === 0 && inner.some((l) => l.startsWith('@@'))) {
      problems.push(`Diff at line ${f.open + 1}: hunks without "---"/"+++" file headers cannot be placed in a file.`);
    }
    return f.close + 1;
  }
  let path = parseFenceInfo(f.info).path ?? pathBefore(f.open);
  let body = inner;
  if (!path && inner.length > 0) {
    const fromComment = pathFromComment(inner[0]);
    if (fromComment) {
      path = fromComment;
      body = inner.slice(1);
    }
  }
  if (!path) return f.close + 1; // an illustration, not a proposed file
  if (f.close >= lines.length) {
    problems.push(`File ${path} (code block at line ${f.open + 1}): the code block is never closed, so the file may be cut off; not applied.`);
    return f.close;
  }
  const placeholder = body.find((l) => isElisionLine(l, true));
  if (placeholder !== undefined) {
    problems.push(
      `File ${path} (code block at line ${f.open + 1}): it contains the placeholder "${placeholder.trim()}", so it is not a whole file; writing it would delete the code it stands for. Use SEARCH/REPLACE blocks instead.`,
    );
    return f.close + 1;
  }
  out.list.push({ kind: 'create', path, content: body.length ? `${body.join('\n')}\n` : '' });
  return f.close + 1;
}

function nextMarker(lines: string[], from: number, re: RegExp): number {
  for (let k = from; k < lines.length; k++) if (re.test(lines[k])) return k;
  return lines.length - 1;
}

function readBlock(lines: string[], start: number, n: number): { search: string; replace: string; next: number; problem?: string } {
  const where = `Block ${n} (line ${start + 1})`;
  let j = start + 1;
  const search: string[] = [];
  while (j < lines.length && !DIVIDER.test(lines[j]) && !REPLACE.test(lines[j]) && !SEARCH.test(lines[j])) search.push(lines[j++]);
  if (j >= lines.length) return { search: '', replace: '', next: j, problem: `${where}: no "=======" divider and no ">>>>>>> REPLACE" line; the block is unterminated.` };
  if (SEARCH.test(lines[j])) return { search: '', replace: '', next: j, problem: `${where}: a new "<<<<<<< SEARCH" starts at line ${j + 1} before this block's "=======" divider.` };
  if (REPLACE.test(lines[j])) return { search: '', replace: '', next: j + 1, problem: `${where}: missing the "=======" divider between the search and replacement text.` };
  const divider = j;
  j++;
  const replace: string[] = [];
  while (j < lines.length && !REPLACE.test(lines[j]) && !SEARCH.test(lines[j])) {
    if (DIVIDER.test(lines[j])) {
      return { search: '', replace: '', next: nextMarker(lines, j, REPLACE) + 1, problem: `${where}: a second "=======" divider at line ${j + 1}; the block is malformed.` };
    }
    replace.push(lines[j++]);
  }
  if (j >= lines.length || SEARCH.test(lines[j])) {
    return { search: '', replace: '', next: j, problem: `${where}: the replacement after the divider at line ${divider + 1} is never ended by ">>>>>>> REPLACE"; the block is unterminated.` };
  }
  // Blocks hold whole lines: each keeps its line break, so a trailing blank line is part of the text.
  const body = (ls: string[]) => (ls.length ? `${ls.join('\n')}\n` : '');
  return { search: body(search), replace: body(replace), next: j + 1 };
}
