/** Recognising file paths that models write around code: on their own line, in prose, in comments (fence info: src/shared/fenceInfo.ts). */
import { looksLikePath } from '../../shared/fenceInfo';

/** Whether a workspace file exists at a path as the model wrote it. */
export type Exists = (path: string) => boolean;

/** A path-shaped token without an extension or folder: a path only when that file exists. */
const BARE_NAME = /^[\w@.+-]+$/;

function isPath(token: string, exists?: Exists): boolean {
  return looksLikePath(token) || (BARE_NAME.test(token) && exists?.(token) === true);
}

/** A line that is nothing but a path, possibly decorated: `x.ts`, **x.ts**, ### x.ts, File: x.ts, New file: x.ts, x.ts: */
export function pathFromLine(line: string, exists?: Exists): string | undefined {
  let t = line.trim();
  t = t.replace(/^#{1,6}\s+/, '').replace(/^[-*]\s+/, '');
  t = t.replace(/^\*\*(.*)\*\*:?$/, '$1').replace(/^__(.*)__:?$/, '$1').trim();
  t = t.replace(/^(?:new\s+)?(?:file(?:name)?|path)\s*:\s*/i, '');
  t = t.replace(/\s+\((?:new(?: file)?)\)$/i, '');
  t = t.replace(/^`([^`]+)`:?$/, '$1').replace(/:$/, '').replace(/^\*\*(.*)\*\*$/, '$1').replace(/^`([^`]+)`$/, '$1');
  return isPath(t, exists) ? t : undefined;
}

/** A prose line mentioning exactly one path in backticks ("Update `src/a.ts`:"). */
export function pathFromProse(line: string, exists?: Exists): string | undefined {
  const found = [...line.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]).filter((t) => isPath(t, exists));
  const unique = [...new Set(found)];
  return unique.length === 1 && /:\s*$/.test(line.trim()) ? unique[0] : undefined;
}

/** `// src/a.ts`, `# app.py`, `<!-- index.html -->`, `-- schema.sql` as the first line of a block. */
export function pathFromComment(line: string): string | undefined {
  const m = /^\s*(?:\/\/|#|--|;|<!--|\/\*)\s*(?:file(?:name)?:\s*)?(\S+?)\s*(?:-->|\*\/)?\s*$/i.exec(line);
  if (!m) return undefined;
  return looksLikePath(m[1]) && /[./]/.test(m[1]) && /\.[A-Za-z0-9]+$|\//.test(m[1]) ? m[1] : undefined;
}

/**
 * Whether the line naming a whole file's path announces it as new ("Create `a.ts`:",
 * "New file: a.ts", "a.ts (new)"), or the prose line right before it says "new file".
 * Such a file must not replace an existing one (see src/core/review/plan.ts).
 */
export function markedNew(lines: string[], pathLine: number): boolean {
  if (/\bnew file\b|\bcreat(?:e|ing)\b|\(new\)/i.test(lines[pathLine])) return true;
  let k = pathLine - 1;
  while (k >= 0 && lines[k].trim() === '') k--;
  return k >= 0 && !/^\s*(`{3,}|~{3,})/.test(lines[k]) && /\bnew file\b/i.test(lines[k]);
}

/** Most path lines an answer is checked for: a long answer does not turn into a stat storm. */
const MAX_BARE_CANDIDATES = 40;

/**
 * Tokens of the answer that would be taken as a path only if that file exists (a line naming
 * `Makefile.local` or `VERSION`): the caller checks them against the workspace before parsing.
 */
export function barePathCandidates(text: string): string[] {
  const found = new Set<string>();
  const any: Exists = () => true;
  for (const line of text.split(/\r?\n/)) {
    if (line.length > 200) continue;
    const bare = pathFromLine(line) === undefined ? pathFromLine(line, any) : undefined;
    const prose = pathFromProse(line) === undefined ? pathFromProse(line, any) : undefined;
    for (const token of [bare, prose]) if (token !== undefined && found.size < MAX_BARE_CANDIDATES) found.add(token);
  }
  return [...found];
}
