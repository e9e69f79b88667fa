/**
 * Turning a plain model answer into proposed changes: SEARCH/REPLACE blocks, unified
 * diffs and fenced whole files. Anything that looks like an edit but is malformed becomes
 * a `problems` entry naming the block and line; nothing is dropped silently.
 */
import { parseFenceInfo } from '../../shared/fenceInfo';
import { EQUALS, readBlock, REPLACE, SEARCH } from './blockMarkers';
import { isElisionLine } from './elision';
import { isDiffStart, parseUnifiedDiff } from './parseDiff';
import { markedNew, pathFromComment, pathFromLine, pathFromProse, type Exists } from './pathLine';
import type { ProposedChange, SearchReplace } from './types';

const FENCE = /^\s*(`{3,}|~{3,})\s*(.*)$/;
const BARE_FENCE = /^\s*(`{3,}|~{3,})\s*$/;

export interface ParseOptions {
  /**
   * Whether a workspace file exists: a line naming an existing file is taken as its path even
   * without an extension (`Makefile`, `bin/deploy`, `VERSION`).
   */
  exists?: Exists;
}

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
    const c = BARE_FENCE.exec(lines[j]);
    if (c && c[1][0] === marker[0] && c[1].length >= marker.length) break;
    j++;
  }
  return { marker, info: m[2].trim(), open: i, close: j };
}

/** The bodies of an answer's fenced code blocks, in order (Apply of an answer whose one block names no file). */
export function fencedBodies(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const bodies: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = readFence(lines, i);
    if (!fence) continue;
    bodies.push(lines.slice(fence.open + 1, fence.close).join('\n'));
    i = fence.close;
  }
  return bodies;
}

class Changes {
  readonly list: ProposedChange[] = [];
  addEdit(path: string, edit: SearchReplace): void {
    const last = [...this.list].reverse().find((c) => c.kind === 'edit' && c.path === path);
    if (last && last.kind === 'edit') last.edits.push(edit);
    else this.list.push({ kind: 'edit', path, edits: [edit] });
  }
}

/** Where a change's path was written, so a whole file can tell whether it was announced as new. */
interface Named {
  path: string;
  line?: number;
}

export function parseAnswer(text: string, options: ParseOptions = {}): { changes: ProposedChange[]; problems: string[] } {
  const { exists } = options;
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
  const onLine = (k: number): Named | undefined => {
    const path = pathFromLine(lines[k], exists) ?? pathFromProse(lines[k], exists);
    return path ? { path, line: k } : undefined;
  };
  /** A path alone in its own small code block (fence, path, fence) that ends at line `k`. */
  const pathBlockEndingAt = (k: number): Named | undefined => {
    if (k < 2 || !BARE_FENCE.test(lines[k]) || !FENCE.test(lines[k - 2])) return undefined;
    const path = pathFromLine(lines[k - 1], exists);
    return path ? { path, line: k - 1 } : undefined;
  };
  const pathBefore = (i: number): Named | undefined => {
    const k = prevNonBlank(i);
    if (k < 0) return undefined;
    const fence = FENCE.exec(lines[k]);
    if (fence && k !== fenceEnd) {
      const fromInfo = parseFenceInfo(fence[2]).path;
      if (fromInfo) return { path: fromInfo };
      const j = prevNonBlank(k);
      return j >= 0 ? (pathBlockEndingAt(j) ?? onLine(j)) : undefined;
    }
    return pathBlockEndingAt(k) ?? onLine(k);
  };
  const nextReplaceBeforeSearch = (from: number): number | undefined => {
    for (let k = from; k < lines.length; k++) {
      if (REPLACE.test(lines[k])) return k;
      if (SEARCH.test(lines[k])) return undefined;
    }
    return undefined;
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (SEARCH.test(line)) {
      blockNo++;
      const path = pathBefore(i)?.path ?? (REPLACE.test(lines[prevNonBlank(i)] ?? '') || fenceEnd > i ? lastPath : undefined);
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
    // A divider or REPLACE line outside a block is a block that lost its SEARCH line; a run of
    // '=' followed by another block's SEARCH first is only a heading underline in the prose.
    const orphanEnd = REPLACE.test(line) ? i : EQUALS.test(line) ? nextReplaceBeforeSearch(i + 1) : undefined;
    if (orphanEnd !== undefined) {
      problems.push(`Line ${i + 1}: "${line.trim()}" without a "<<<<<<< SEARCH" line before it; that block was not applied.`);
      i = orphanEnd + 1;
      continue;
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
      i = handleFence(lines, fence, out, problems, { pathBefore, exists });
      if (i === fence.open + 1) fenceEnd = fence.close;
      continue;
    }
    i++;
  }
  return { changes: out.list, problems };
}

interface FenceContext {
  pathBefore: (i: number) => Named | undefined;
  exists?: Exists;
}

/** Returns the index to continue from; entering the fence (open + 1) means it holds blocks. */
function handleFence(lines: string[], f: Fence, out: Changes, problems: string[], ctx: FenceContext): number {
  const inner = lines.slice(f.open + 1, f.close);
  const lang = f.info.split(/[\s:]/)[0].toLowerCase();
  if (inner.some((l) => SEARCH.test(l))) return f.open + 1;
  const firstReal = inner.find((l) => l.trim() !== '') ?? '';
  if (lang === 'diff' || lang === 'patch' || lang === 'udiff' || firstReal.startsWith('diff --git') || (firstReal.startsWith('--- ') && inner.some((l) => l.startsWith('+++ ')))) {
    const d = parseUnifiedDiff(lines, f.open + 1, f.close, true, parseFenceInfo(f.info).path ?? ctx.pathBefore(f.open)?.path);
    out.list.push(...d.changes);
    problems.push(...d.problems);
    if ((lang === 'diff' || lang === 'patch') && d.changes.length === 0 && d.problems.length === 0 && inner.some((l) => l.startsWith('@@'))) {
      problems.push(`Diff at line ${f.open + 1}: hunks without "---"/"+++" file headers cannot be placed in a file.`);
    }
    return f.close + 1;
  }
  // A path alone in a code block right before another code block names that block's file.
  const after = lines.slice(f.close + 1).findIndex((l) => l.trim() !== '');
  if (inner.length === 1 && pathFromLine(inner[0], ctx.exists) && after >= 0 && FENCE.test(lines[f.close + 1 + after])) return f.close + 1;
  const fromInfo = parseFenceInfo(f.info).path;
  const named: Named | undefined = fromInfo !== undefined ? { path: fromInfo } : ctx.pathBefore(f.open);
  let path = named?.path;
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
  const announcedNew = named?.line !== undefined && markedNew(lines, named.line);
  out.list.push({ kind: 'create', path, content: body.length ? `${body.join('\n')}\n` : '', ...(announcedNew ? { newFile: true as const } : {}) });
  return f.close + 1;
}
