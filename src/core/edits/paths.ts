/**
 * The spelling half of the path gate: what a proposed path may look like before the
 * file system is asked anything. A model writes paths as text, so every way text can
 * mean something other than a plain workspace path is refused here by name — URIs,
 * escapes and encodings a human would decode, characters and names that Windows
 * reads differently (a repository is shared across systems), and `.git` however it is
 * spelled. The resolving half (symbolic links, the real location) is
 * src/core/review/pathGate.ts; callers use that one.
 */
import * as nodePath from 'path';

/** Why a path was refused: shown to the user with the path, so each names one thing to fix. */
export type PathRule =
  | 'no-workspace'
  | 'empty'
  | 'control-character'
  | 'escape-sequence'
  | 'percent-encoding'
  | 'uri-scheme'
  | 'home-folder'
  | 'drive-or-network'
  | 'reserved-character'
  | 'look-alike'
  | 'git'
  | 'device-name'
  | 'trailing-dot-or-space'
  | 'traversal'
  | 'outside-workspace'
  | 'workspace-folder'
  // The resolving half (src/core/review/pathGate.ts).
  | 'symlink-outside'
  | 'dangling-symlink'
  | 'not-a-folder'
  | 'not-a-file'
  | 'hard-link'
  | 'unreadable'
  | 'vanished-folder'
  | 'location-changed';

export type PathRefusal = { ok: false; rule: PathRule; message: string };
export type PathCheck = { ok: true; absolute: string; root: string } | PathRefusal;

/** Every refusal reads the same way: the path as the model wrote it, the rule, then why. */
export function refuse(requested: string, rule: PathRule, why: string): PathRefusal {
  return { ok: false, rule, message: `Refused ${JSON.stringify(requested)} (${rule}): ${why}` };
}

export function inside(root: string, p: string, path = nodePath): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Windows drops trailing dots and spaces from a name, so `.git.` and `.git ` are `.git` there. */
function windowsName(segment: string): string {
  return segment.normalize('NFKC').replace(/[. ]+$/, '');
}

/** `.git` in any case and spelling Windows maps to it, including its 8.3 short name (GIT~1). */
export function isGitName(segment: string): boolean {
  const name = windowsName(segment).toLowerCase();
  return name === '.git' || /^git~\d+$/.test(name);
}

/** Device names Windows reserves in every folder, with or without an extension. */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\s*\..*)?$/i;
/** Control characters, line and paragraph separators, and invisible format characters (direction overrides, zero-width joiners). */
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}\p{Cf}]/u;
/** `\u0000`, `\u{2e}`, or a `\xHH` that stands for a control character, a dot, a separator, `%` or `:`. */
const ESCAPE = /\\u[0-9a-f]{4}|\\u\{[0-9a-f]+\}|\\x(?:[01][0-9a-f]|7f|2e|2f|5c|25|3a)/i;
const PERCENT = /%[0-9a-f]{2}/i;
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const DRIVE = /^[a-z]:/i;
const RESERVED = /[<>:"|?*]/;

/** Dots and separators: what a look-alike character must not add when it is normalized. */
function countMarks(text: string): number {
  return text.replace(/[^./\\]/g, '').length;
}

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The rules on the text alone, before any resolving; undefined when the spelling is plain. */
function spellingRefusal(requested: string, p: string, path: typeof nodePath): PathRefusal | undefined {
  const control = CONTROL.exec(p);
  if (control) return refuse(requested, 'control-character', `it contains the control or invisible character ${codePoint(control[0])}.`);
  const escape = ESCAPE.exec(p);
  if (escape) return refuse(requested, 'escape-sequence', `it contains the escape text "${escape[0]}", which is not decoded; write the character itself.`);
  const percent = PERCENT.exec(p);
  if (percent) {
    const decoded = String.fromCharCode(parseInt(percent[0].slice(1), 16));
    return refuse(requested, 'percent-encoding', `it contains "${percent[0]}" (percent-encoded ${JSON.stringify(decoded)}); paths are taken literally, not decoded.`);
  }
  const scheme = SCHEME.exec(p);
  if (scheme) return refuse(requested, 'uri-scheme', `"${scheme[0]}" makes it a URI, not a path; name the file by its path in the workspace.`);
  if (/^~([/\\]|$)/.test(p)) return refuse(requested, 'home-folder', 'it points into a home folder; only workspace files can be changed.');
  if (/^[/\\]{2}/.test(p)) return refuse(requested, 'drive-or-network', 'it is a network or device path (\\\\server\\share, \\\\?\\…), outside the workspace.');
  const drive = DRIVE.test(p);
  if (drive && (path.sep === '/' || !/^[a-z]:[/\\]/i.test(p))) {
    return refuse(requested, 'drive-or-network', `it is a Windows drive path${path.sep === '/' ? '' : ' relative to a drive\'s current folder'}, outside the workspace.`);
  }
  const reserved = RESERVED.exec(drive ? p.slice(2) : p);
  if (reserved) return refuse(requested, 'reserved-character', `it contains "${reserved[0]}", which Windows does not allow in a name (":" also opens an alternate data stream).`);
  for (const segment of p.split(/[/\\]+/)) {
    if (segment === '' || segment === '.' || segment === '..') continue;
    const plain = segment.normalize('NFKC');
    if (countMarks(plain) > countMarks(segment)) {
      return refuse(requested, 'look-alike', `the name "${segment}" uses look-alike characters for dots or separators (it reads as "${plain}").`);
    }
    if (isGitName(segment)) {
      const spelled = segment === '.git' ? '' : ` ("${segment}" is how Windows reads .git)`;
      return refuse(requested, 'git', `it is inside .git${spelled}; repository internals are never edited.`);
    }
    if (DEVICE.test(windowsName(segment))) return refuse(requested, 'device-name', `"${segment}" is a device name on Windows (CON, NUL, COM1…), with or without an extension.`);
    if (/[. ]$/.test(segment)) return refuse(requested, 'trailing-dot-or-space', `the name "${segment}" ends in a dot or space, which Windows drops, so it names a different file there.`);
  }
  return undefined;
}

/**
 * Where a proposed path lands, by its spelling alone: the workspace folder it belongs to
 * and its absolute path, or the rule that refuses it. Relative paths resolve against the
 * first folder, or the folder they start with in a multi-root workspace.
 */
export function checkWorkspacePath(roots: string[], requested: string, path: typeof nodePath = nodePath): PathCheck {
  if (typeof requested !== 'string' || requested.trim() === '') return refuse(String(requested ?? ''), 'empty', 'the file path is empty.');
  if (roots.length === 0) return refuse(requested, 'no-workspace', 'no local workspace folder is open.');
  // Surrounding spaces and line breaks come from the answer's layout, not the name.
  const p = requested.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  const spelling = spellingRefusal(requested, p, path);
  if (spelling) return spelling;
  const slashed = p.replace(/\\/g, '/');
  let root: string;
  let absolute: string;
  if (path.isAbsolute(slashed)) {
    const r = roots.find((candidate) => inside(path.resolve(candidate), path.resolve(slashed), path));
    if (!r) return refuse(requested, 'outside-workspace', `it is outside the workspace (${roots.join(', ')}).`);
    root = path.resolve(r);
    absolute = path.resolve(slashed);
  } else {
    const first = slashed.split('/')[0];
    const named = roots.length > 1 ? roots.find((r) => path.basename(r) === first) : undefined;
    root = path.resolve(named ?? roots[0]);
    absolute = path.resolve(root, named ? slashed.split('/').slice(1).join('/') : slashed);
    if (!inside(root, absolute, path)) return refuse(requested, 'traversal', `it leaves the workspace folder ${root} through "..".`);
  }
  if (absolute === root) return refuse(requested, 'workspace-folder', 'it is the workspace folder itself, not a file.');
  return { ok: true, absolute, root };
}

/** NUL bytes, known binary signatures or many control characters in the first 8 KB. */
export function isProbablyBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46]) || starts([0x89, 0x50, 0x4e, 0x47]) || starts([0xff, 0xd8, 0xff]) || starts([0x50, 0x4b, 0x03, 0x04])) return true;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    // Tab, LF, FF, CR and ESC (colour codes in logs) are normal in text.
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27 && b !== 8) control++;
  }
  return control / n > 0.1;
}
