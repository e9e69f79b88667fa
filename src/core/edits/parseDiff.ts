/**
 * Unified diffs as models write them: git or plain headers, a/ b/ prefixes, /dev/null for
 * created and deleted files, and hunk counts that are often wrong (so they are ignored;
 * a hunk ends at the next header).
 */
import type { DiffHunk, ProposedChange } from './types';

export interface DiffParse {
  changes: ProposedChange[];
  problems: string[];
}

const HUNK = /^@@+\s*-(\d+)(?:,(\d+))?\s+\+(\d+)(?:,(\d+))?\s*@@/;

function cleanHeaderPath(raw: string): string {
  let p = raw.replace(/\t.*$/, '').trim();
  if (/^".*"$/.test(p)) p = p.slice(1, -1);
  return p;
}

function stripPrefix(p: string, prefix: 'a/' | 'b/'): string {
  return p.startsWith(prefix) ? p.slice(2) : p;
}

export function isDiffStart(lines: string[], i: number): boolean {
  const l = lines[i];
  return l.startsWith('diff --git ') || (l.startsWith('--- ') && i + 1 < lines.length && lines[i + 1].startsWith('+++ '));
}

/** Parses lines[start, end); `fenced` diffs treat empty lines as blank context (models strip the space). */
/** `defaultPath`: the file named just before a fenced diff that has no ---/+++ headers. */
export function parseUnifiedDiff(lines: string[], start: number, end: number, fenced: boolean, defaultPath?: string): DiffParse & { next: number } {
  const changes: ProposedChange[] = [];
  const problems: string[] = [];
  let oldPath: string | undefined;
  let newPath: string | undefined;
  let renameFrom: string | undefined;
  let renameTo: string | undefined;
  let headerLine = 0;
  let hunks: DiffHunk[] = [];
  let noFinalNewline = false;

  const flush = () => {
    const from = renameFrom ?? oldPath;
    const to = renameTo ?? newPath;
    if (from === undefined && to === undefined && defaultPath && hunks.length) {
      changes.push({ kind: 'patch', path: defaultPath, hunks });
    } else if (from === undefined && to === undefined) {
      if (hunks.length) problems.push(`Diff at line ${headerLine + 1}: hunks without "---"/"+++" file headers cannot be placed in a file.`);
    } else if (from === '/dev/null' && to) {
      const added = hunks.flatMap((h) => h.lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1)));
      changes.push({ kind: 'create', path: to, content: added.join('\n') + (added.length && !noFinalNewline ? '\n' : ''), newFile: true });
    } else if (to === '/dev/null' && from) {
      changes.push({ kind: 'delete', path: from });
    } else if (from && to) {
      if (from !== to) changes.push({ kind: 'rename', from, to });
      if (hunks.length) changes.push({ kind: 'patch', path: to, hunks, ...(from !== to ? { oldPath: from } : {}) });
      else if (from === to) problems.push(`Diff for ${to} (line ${headerLine + 1}) has no "@@" hunks.`);
    }
    oldPath = newPath = renameFrom = renameTo = undefined;
    hunks = [];
    noFinalNewline = false;
  };

  let i = start;
  while (i < end) {
    const l = lines[i];
    if (l.startsWith('diff --git ')) {
      flush();
      headerLine = i;
      const m = /^diff --git ("?a\/.+?"?) ("?b\/.+"?)$/.exec(l);
      if (m) {
        oldPath = stripPrefix(cleanHeaderPath(m[1]), 'a/');
        newPath = stripPrefix(cleanHeaderPath(m[2]), 'b/');
      }
      i++;
    } else if (l.startsWith('--- ') && i + 1 < end && lines[i + 1].startsWith('+++ ')) {
      if (hunks.length || (oldPath !== undefined && !lines[i - 1]?.startsWith('diff --git') && !/^(index|new|deleted|similarity|rename|old mode|new mode)/.test(lines[i - 1] ?? ''))) flush();
      if (!hunks.length && oldPath === undefined) headerLine = i;
      const o = cleanHeaderPath(l.slice(4));
      const n = cleanHeaderPath(lines[i + 1].slice(4));
      oldPath = o === '/dev/null' ? o : stripPrefix(o, 'a/');
      newPath = n === '/dev/null' ? n : stripPrefix(n, 'b/');
      i += 2;
    } else if (l.startsWith('rename from ')) {
      renameFrom = l.slice('rename from '.length).trim();
      i++;
    } else if (l.startsWith('rename to ')) {
      renameTo = l.slice('rename to '.length).trim();
      i++;
    } else if (l.startsWith('@@')) {
      const m = HUNK.exec(l);
      const hunk: DiffHunk = {
        oldStart: m ? Number(m[1]) : 0,
        oldLines: m ? Number(m[2] ?? 1) : 0,
        newStart: m ? Number(m[3]) : 0,
        newLines: m ? Number(m[4] ?? 1) : 0,
        lines: [],
      };
      i++;
      while (i < end && !lines[i].startsWith('@@') && !isDiffStart(lines, i)) {
        const h = lines[i];
        if (h.startsWith('\\')) {
          noFinalNewline = true;
        } else if (h === '') {
          if (!fenced) break;
          hunk.lines.push(' ');
        } else if (/^[ +-]/.test(h) || fenced) {
          hunk.lines.push(h);
        } else break;
        i++;
      }
      while (hunk.lines.length && hunk.lines[hunk.lines.length - 1] === ' ' && lines[i - 1] === '') hunk.lines.pop();
      hunks.push(hunk);
      if (!fenced && i < end && !lines[i].startsWith('@@') && !isDiffStart(lines, i)) break;
    } else if (!fenced && hunks.length && !/^(index|new|deleted|similarity|old mode|new mode)/.test(l)) {
      break;
    } else {
      i++;
    }
  }
  flush();
  return { changes, problems, next: i };
}
