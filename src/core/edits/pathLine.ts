/** Recognising file paths that models write around code: on their own line, in prose, in comments (fence info: src/shared/fenceInfo.ts). */
import { looksLikePath } from '../../shared/fenceInfo';

/** A line that is nothing but a path, possibly decorated: `x.ts`, **x.ts**, ### x.ts, File: x.ts, x.ts: */
export function pathFromLine(line: string): string | undefined {
  let t = line.trim();
  t = t.replace(/^#{1,6}\s+/, '').replace(/^[-*]\s+/, '');
  t = t.replace(/^\*\*(.*)\*\*:?$/, '$1').replace(/^__(.*)__:?$/, '$1').trim();
  t = t.replace(/^(?:file(?:name)?|path)\s*:\s*/i, '');
  t = t.replace(/^`([^`]+)`:?$/, '$1').replace(/:$/, '').replace(/^\*\*(.*)\*\*$/, '$1').replace(/^`([^`]+)`$/, '$1');
  return looksLikePath(t) ? t : undefined;
}

/** A prose line mentioning exactly one path in backticks ("Update `src/a.ts`:"). */
export function pathFromProse(line: string): string | undefined {
  const found = [...line.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]).filter(looksLikePath);
  const unique = [...new Set(found)];
  return unique.length === 1 && /:\s*$/.test(line.trim()) ? unique[0] : undefined;
}

/** `// src/a.ts`, `# app.py`, `<!-- index.html -->`, `-- schema.sql` as the first line of a block. */
export function pathFromComment(line: string): string | undefined {
  const m = /^\s*(?:\/\/|#|--|;|<!--|\/\*)\s*(?:file(?:name)?:\s*)?(\S+?)\s*(?:-->|\*\/)?\s*$/i.exec(line);
  if (!m) return undefined;
  return looksLikePath(m[1]) && /[./]/.test(m[1]) && /\.[A-Za-z0-9]+$|\//.test(m[1]) ? m[1] : undefined;
}
