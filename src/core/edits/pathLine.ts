/** Recognising file paths that models write around code: on their own line, in fence info, in comments. */

const KNOWN_BARE = new Set(['Makefile', 'Dockerfile', 'Rakefile', 'Gemfile', 'Procfile', 'Justfile', 'LICENSE', 'Containerfile', 'Jenkinsfile']);
const PATH_CHARS = /^[\w@.~+\-/\\[\]()]+$/;

export function looksLikePath(token: string): boolean {
  if (!token || token.length > 240 || !PATH_CHARS.test(token)) return false;
  if (/^\.+$/.test(token) || /^\d+(\.\d+)*$/.test(token) || token.endsWith('.') || token.includes('//')) return false;
  if (KNOWN_BARE.has(token.split('/').pop() ?? '')) return true;
  const base = token.split(/[/\\]/).pop() ?? '';
  return /\.[A-Za-z0-9_-]{1,12}$/.test(base) || (token.includes('/') && base.length > 0 && /[A-Za-z]/.test(base));
}

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

/** Path in a fence info string: ```ts path=src/a.ts, ```ts:src/a.ts, ```ts title="a.ts", ```src/a.ts */
export function pathFromInfo(info: string): string | undefined {
  const t = info.trim();
  const kv = /(?:^|\s)(?:path|file|filename|title)=("([^"]+)"|'([^']+)'|(\S+))/.exec(t);
  if (kv) {
    const p = kv[2] ?? kv[3] ?? kv[4];
    return looksLikePath(p) ? p : undefined;
  }
  const colon = /^[\w+#-]+:(\S+)$/.exec(t);
  if (colon && looksLikePath(colon[1])) return colon[1];
  const words = t.split(/\s+/);
  if (words.length === 1 && (words[0].includes('/') || words[0].includes('.')) && looksLikePath(words[0])) return words[0];
  if (words.length === 2 && looksLikePath(words[1]) && /[./]/.test(words[1])) return words[1];
  return undefined;
}

/** `// src/a.ts`, `# app.py`, `<!-- index.html -->`, `-- schema.sql` as the first line of a block. */
export function pathFromComment(line: string): string | undefined {
  const m = /^\s*(?:\/\/|#|--|;|<!--|\/\*)\s*(?:file(?:name)?:\s*)?(\S+?)\s*(?:-->|\*\/)?\s*$/i.exec(line);
  if (!m) return undefined;
  return looksLikePath(m[1]) && /[./]/.test(m[1]) && /\.[A-Za-z0-9]+$|\//.test(m[1]) ? m[1] : undefined;
}
