/**
 * Reads what a path holds right now and refuses, with a message naming the path,
 * anything the review must not touch: whatever the path gate refuses (outside the
 * workspace, inside .git, odd spellings, symbolic links that lead away), a directory,
 * too large, binary, or unreadable. The reading itself is injected (VS Code's open
 * editors and Node's file system in the extension, Node's fs in the edit benchmark),
 * so both sides pass the same gate. Never throws for one bad path.
 */
import type { EditEngine } from './engine';
import { MAX_FILE_BYTES, tooLargeMessage } from './pathRules';
import type { GateFs, PathGate } from './pathGate';
import type { FileBase } from './plan';

export interface FileAccess extends GateFs {
  /** The text of an open editor (saved or not), which wins over the disk; undefined when none is open. */
  openText(absolute: string): string | undefined;
  readBytes(absolute: string): Promise<Uint8Array>;
  /** The bytes of a file that passed the checks, decoded the way its editor would show them. */
  decode(absolute: string, bytes: Uint8Array): Promise<string>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function readBase(requested: string, gate: PathGate, engine: Pick<EditEngine, 'isProbablyBinary'>, access: FileAccess): Promise<FileBase> {
  const checked = await gate.check(requested);
  if (!checked.ok) return { key: `refused:${requested}`, path: requested, error: checked.message };
  const { location, entry } = checked;
  const key = location.canonical;
  const refuse = (error: string): FileBase => ({ key, path: requested, error });
  const open = access.openText(key);
  if (open !== undefined) {
    if (open.length > MAX_FILE_BYTES) return refuse(tooLargeMessage(requested, open.length));
    return { key, path: requested, exists: true, text: open, location };
  }
  if (!entry) return { key, path: requested, exists: false, text: '', location };
  if (entry.kind === 'directory') return refuse(`${requested} is a directory, not a file.`);
  if (entry.size > MAX_FILE_BYTES) return refuse(tooLargeMessage(requested, entry.size));
  try {
    const bytes = await access.readBytes(key);
    if (engine.isProbablyBinary(bytes)) return refuse(`${requested} looks binary; the review edits text files only.`);
    return { key, path: requested, exists: true, text: await access.decode(key, bytes), location };
  } catch (error) {
    return refuse(`cannot read ${requested}: ${message(error)}`);
  }
}

/** The text of a file at apply time (an open editor first), or undefined when it no longer exists. */
export async function readCurrent(absolute: string, access: FileAccess): Promise<string | undefined> {
  const open = access.openText(absolute);
  if (open !== undefined) return open;
  if (!(await access.lstat(absolute))) return undefined;
  return access.decode(absolute, await access.readBytes(absolute));
}
