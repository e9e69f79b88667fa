/**
 * The language and file path in a code fence's info string (```ts src/a.ts). One parser for the
 * chat's code-block header (webview/render/markdown.ts) and for Apply (src/core/edits/parseAnswer.ts),
 * so the path a block's header shows is the path its Apply writes. Pure, for the browser and Node.
 */

interface FenceInfo {
  language: string;
  path?: string;
}

const KNOWN_BARE = new Set(['Makefile', 'Dockerfile', 'Rakefile', 'Gemfile', 'Procfile', 'Justfile', 'LICENSE', 'Containerfile', 'Jenkinsfile']);
const PATH_CHARS = /^[\w@.~+\-/\\[\]()]+$/;

/** A token that reads as a file path: an extension, a folder, or a well-known bare file name. */
export function looksLikePath(token: string): boolean {
  if (!token || token.length > 240 || !PATH_CHARS.test(token)) return false;
  if (/^\.+$/.test(token) || /^\d+(\.\d+)*$/.test(token) || token.endsWith('.') || token.includes('//')) return false;
  if (KNOWN_BARE.has(token.split('/').pop() ?? '')) return true;
  const base = token.split(/[/\\]/).pop() ?? '';
  return /\.[A-Za-z0-9_-]{1,12}$/.test(base) || (token.includes('/') && base.length > 0 && /[A-Za-z]/.test(base));
}

const KEYED = /(?:^|\s)(?:path|file|filename|title)=(?:"([^"]+)"|'([^']+)'|(\S+))/i;

/** A path in a fence names a file: it has an extension or a folder, not just a word. */
const fencePath = (token: string | undefined): token is string => token !== undefined && /[./]/.test(token) && looksLikePath(token);

/**
 * Reads ```ts path=src/a.ts (also file=, filename=, title=, quoted or not), ```ts:src/a.ts,
 * ```ts src/a.ts (a path as the second word) and ```src/a.ts (the path alone: its extension is the language).
 */
export function parseFenceInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  const words = trimmed.split(/\s+/).filter(Boolean);
  const first = words[0] ?? '';
  const keyed = KEYED.exec(trimmed);
  if (keyed) {
    const language = /^(?:path|file|filename|title)=/i.test(first) ? '' : first;
    const path = keyed[1] ?? keyed[2] ?? keyed[3];
    return path !== undefined && looksLikePath(path) ? { language, path } : { language };
  }
  const colon = /^([\w+#-]+):(\S+)$/.exec(trimmed);
  if (colon) return fencePath(colon[2]) ? { language: colon[1]!, path: colon[2] } : { language: colon[1]! };
  if (words.length === 1 && fencePath(first)) return { language: extensionOf(first), path: first };
  if (fencePath(words[1])) return { language: first, path: words[1] };
  return { language: first };
}

function extensionOf(path: string): string {
  const base = path.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot >= 0 ? base.slice(dot + 1).toLowerCase() : '';
}
