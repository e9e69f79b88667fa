/** Keeping every proposed path inside the workspace, and telling text from binary bytes. */
import * as fs from 'fs';
import * as nodePath from 'path';
import type { PathCheck } from './types';

function inside(root: string, p: string): boolean {
  const rel = nodePath.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

/** realpath of the nearest ancestor that exists, with the missing tail appended. */
function realOfNearest(p: string, realpath: (p: string) => string): string {
  const tail: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return nodePath.join(realpath(cur), ...tail.reverse());
    } catch {
      const parent = nodePath.dirname(cur);
      if (parent === cur) return p;
      tail.push(nodePath.basename(cur));
      cur = parent;
    }
  }
}

export function checkWorkspacePath(roots: string[], requested: string, realpath: (p: string) => string = fs.realpathSync.native): PathCheck {
  const shown = JSON.stringify(requested);
  if (roots.length === 0) return { ok: false, message: `Cannot write ${shown}: no workspace folder is open.` };
  if (typeof requested !== 'string' || requested.trim() === '') return { ok: false, message: 'The file path is empty.' };
  if (requested.includes('\0')) return { ok: false, message: `The path ${shown} contains a NUL character.` };
  const p = requested.trim().replace(/\\/g, '/');
  if (p === '~' || p.startsWith('~/')) return { ok: false, message: `The path ${shown} points into the home folder; only workspace files can be changed.` };
  if (/^[A-Za-z]:\//.test(p) && nodePath.sep === '/') return { ok: false, message: `The path ${shown} is a Windows drive path outside the workspace.` };

  let root: string;
  let absolute: string;
  if (nodePath.isAbsolute(p)) {
    const r = roots.find((candidate) => inside(nodePath.resolve(candidate), nodePath.resolve(p)));
    if (!r) return { ok: false, message: `The path ${shown} is outside the workspace (${roots.join(', ')}).` };
    root = nodePath.resolve(r);
    absolute = nodePath.resolve(p);
  } else {
    const first = p.split('/')[0];
    const named = roots.length > 1 ? roots.find((r) => nodePath.basename(r) === first) : undefined;
    root = nodePath.resolve(named ?? roots[0]);
    absolute = nodePath.resolve(root, named ? p.split('/').slice(1).join('/') : p);
    if (!inside(root, absolute)) return { ok: false, message: `The path ${shown} leaves the workspace folder ${root} through "..".` };
  }
  if (absolute === root) return { ok: false, message: `The path ${shown} is the workspace folder itself, not a file.` };
  const rel = nodePath.relative(root, absolute).split(nodePath.sep);
  if (rel.some((seg) => seg.toLowerCase() === '.git')) {
    return { ok: false, message: `The path ${shown} is inside the .git folder; repository internals are never edited.` };
  }
  const realRoot = realOfNearest(root, realpath);
  const realTarget = realOfNearest(absolute, realpath);
  if (!inside(realRoot, realTarget)) {
    return { ok: false, message: `The path ${shown} goes through a symbolic link to ${realTarget}, outside the workspace.` };
  }
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
