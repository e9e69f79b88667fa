/**
 * An in-memory POSIX file system for the path gate and the read gate: files (text or
 * bytes, with a hard-link count), folders, symbolic links (followed the way the kernel
 * does, loops included), special files, and paths whose lookup fails with an error
 * code. Folders named only as part of a longer path exist implicitly. Editors can be
 * open on paths, as in VS Code.
 */
import * as path from 'path';
import type { EntryKind } from '../../../src/core/review/pathGate';
import type { FileAccess } from '../../../src/core/review/readBase';

export type FakeEntry =
  | string
  | Uint8Array
  | { file: string; links?: number; size?: number; readFails?: string }
  | 'dir'
  | 'fifo'
  | { link: string }
  | { fails: string };

function fsError(code: string, what: string): Error {
  return Object.assign(new Error(`${code}: ${what}`), { code });
}

export class FakeFs implements FileAccess {
  private readonly entries = new Map<string, FakeEntry>();
  readonly editors = new Map<string, string>();
  /** Paths read from "disk", in order. */
  readonly reads: string[] = [];

  constructor(entries: Record<string, FakeEntry>, editors: Record<string, string> = {}) {
    for (const [p, entry] of Object.entries(entries)) this.set(p, entry);
    for (const [p, text] of Object.entries(editors)) this.editors.set(path.posix.resolve(p), text);
  }

  set(p: string, entry: FakeEntry): void {
    const absolute = path.posix.resolve(p);
    this.entries.set(absolute, entry);
    for (let dir = path.posix.dirname(absolute); dir !== '/'; dir = path.posix.dirname(dir)) {
      if (!this.entries.has(dir)) this.entries.set(dir, 'dir');
    }
  }

  remove(p: string): void {
    const absolute = path.posix.resolve(p);
    for (const key of [...this.entries.keys()]) if (key === absolute || key.startsWith(`${absolute}/`)) this.entries.delete(key);
  }

  /** The entry a fully resolved path names, or undefined. */
  private at(resolved: string): FakeEntry | undefined {
    return resolved === '/' ? 'dir' : this.entries.get(resolved);
  }

  /** Resolves every component, following links; `keepLast` leaves a final link unfollowed (lstat). */
  private resolve(p: string, keepLast: boolean, depth = 0): string {
    if (depth > 40) throw fsError('ELOOP', p);
    const parts = path.posix.resolve(p).split('/').filter(Boolean);
    let current = '/';
    for (let i = 0; i < parts.length; i++) {
      const next = path.posix.join(current, parts[i] as string);
      const entry = this.at(next);
      const last = i === parts.length - 1;
      if (entry !== undefined && typeof entry === 'object' && 'fails' in entry) throw fsError(entry.fails, next);
      if (entry === undefined) {
        if (last) return next;
        throw fsError('ENOENT', next);
      }
      if (typeof entry === 'object' && 'link' in entry && !(last && keepLast)) {
        current = this.resolve(path.posix.resolve(current, entry.link), false, depth + 1);
        if (!last && this.at(current) === undefined) throw fsError('ENOENT', current);
        continue;
      }
      if (!last && entry !== 'dir' && !(typeof entry === 'object' && 'link' in entry)) throw fsError('ENOTDIR', next);
      current = next;
    }
    return current;
  }

  async lstat(p: string): Promise<{ kind: EntryKind; size: number; links: number } | undefined> {
    let resolved: string;
    try {
      resolved = this.resolve(p, true);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
    const entry = this.at(resolved);
    if (entry === undefined) return undefined;
    if (entry === 'dir') return { kind: 'directory', size: 0, links: 2 };
    if (entry === 'fifo') return { kind: 'other', size: 0, links: 1 };
    if (typeof entry === 'string') return { kind: 'file', size: entry.length, links: 1 };
    if (entry instanceof Uint8Array) return { kind: 'file', size: entry.length, links: 1 };
    if ('link' in entry) return { kind: 'symlink', size: entry.link.length, links: 1 };
    if ('file' in entry) return { kind: 'file', size: entry.size ?? entry.file.length, links: entry.links ?? 1 };
    throw fsError(entry.fails, resolved);
  }

  async realpath(p: string): Promise<string> {
    const resolved = this.resolve(p, false);
    if (this.at(resolved) === undefined) throw fsError('ENOENT', resolved);
    return resolved;
  }

  openText(absolute: string): string | undefined {
    return this.editors.get(absolute);
  }

  async readBytes(absolute: string): Promise<Uint8Array> {
    this.reads.push(absolute);
    const entry = this.at(this.resolve(absolute, false));
    if (entry instanceof Uint8Array) return entry;
    if (typeof entry === 'string') return new TextEncoder().encode(entry);
    if (entry && typeof entry === 'object' && 'file' in entry) {
      if (entry.readFails) throw fsError(entry.readFails, absolute);
      return new TextEncoder().encode(entry.file);
    }
    throw fsError('EISDIR', absolute);
  }

  async decode(_absolute: string, bytes: Uint8Array): Promise<string> {
    return new TextDecoder().decode(bytes);
  }
}
