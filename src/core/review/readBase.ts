/**
 * Reads what a path holds right now and refuses, with a message naming the
 * path, anything the review must not touch: no workspace, outside it, inside
 * .git, a directory, too large, or binary. The reading itself is injected (VS
 * Code's open editors and file system in the extension, Node's fs in the edit
 * benchmark), so both sides pass the same gate.
 */
import type { EditEngine } from './engine';
import { MAX_FILE_BYTES, isGitInternal, tooLargeMessage } from './pathRules';
import type { FileBase } from './plan';

export interface FileAccess {
  /** The text of an open editor (saved or not), which wins over the disk; undefined when none is open. */
  openText(absolute: string): string | undefined;
  /** What is at the path; undefined when nothing is. Throws for any other failure. */
  stat(absolute: string): Promise<{ directory: boolean; size: number } | undefined>;
  readBytes(absolute: string): Promise<Uint8Array>;
  /** The text of a file that passed the checks, decoded the way its editor would show it. */
  readText(absolute: string): Promise<string>;
}

export async function readBase(requested: string, roots: string[], engine: EditEngine, access: FileAccess): Promise<FileBase> {
  const refuse = (error: string, key = `refused:${requested}`): FileBase => ({ key, path: requested, error });
  if (roots.length === 0) return refuse(`cannot change ${requested}: no local workspace folder is open.`);
  if (isGitInternal(requested)) return refuse(`${requested} is inside .git; repository internals are never edited.`);
  const check = engine.checkWorkspacePath(roots, requested);
  if (!check.ok) return refuse(check.message.includes(requested) ? check.message : `${requested}: ${check.message}`);
  const key = check.absolute;
  const open = access.openText(key);
  if (open !== undefined) {
    if (open.length > MAX_FILE_BYTES) return refuse(tooLargeMessage(requested, open.length), key);
    return { key, path: requested, exists: true, text: open };
  }
  let stat: { directory: boolean; size: number } | undefined;
  try {
    stat = await access.stat(key);
  } catch (error) {
    return refuse(`cannot read ${requested}: ${error instanceof Error ? error.message : String(error)}`, key);
  }
  if (!stat) return { key, path: requested, exists: false, text: '' };
  if (stat.directory) return refuse(`${requested} is a directory, not a file.`, key);
  if (stat.size > MAX_FILE_BYTES) return refuse(tooLargeMessage(requested, stat.size), key);
  if (engine.isProbablyBinary(await access.readBytes(key))) return refuse(`${requested} looks binary; the review edits text files only.`, key);
  return { key, path: requested, exists: true, text: await access.readText(key) };
}

/** The text of a file at apply time (an open editor first), or undefined when it no longer exists. */
export async function readCurrent(absolute: string, access: FileAccess): Promise<string | undefined> {
  const open = access.openText(absolute);
  if (open !== undefined) return open;
  return (await access.stat(absolute).catch(() => undefined)) ? access.readText(absolute) : undefined;
}
