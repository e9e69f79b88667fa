/**
 * The review's file access in the extension host: an open editor's text (saved or
 * not) wins over the disk; the disk is read with Node's file system, which is where
 * the local workspace folders the review edits live, and which alone can tell the
 * path gate about symbolic links and hard links (vscode.workspace.fs follows them).
 * The rules for what may be read live in src/core/review/readBase.ts and pathGate.ts.
 */
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import type { EntryKind } from '../../core/review/pathGate';
import { PathGate } from '../../core/review/pathGate';
import { readCurrent, type FileAccess } from '../../core/review/readBase';

/** Local workspace folders: the gate works on file-system paths. */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** A gate over the workspace folders as they are now (each use resolves them afresh). */
export function workspaceGate(): PathGate {
  return new PathGate(workspaceRoots(), vscodeFiles);
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const vscodeFiles: FileAccess = {
  openText: (absolute) => openDocument(vscode.Uri.file(absolute))?.getText(),
  async lstat(absolute) {
    try {
      const stat = await fs.lstat(absolute);
      const kind: EntryKind = stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
      return { kind, size: stat.size, links: stat.nlink };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  realpath: (absolute) => fs.realpath(absolute),
  readBytes: (absolute) => fs.readFile(absolute),
  async decode(absolute, bytes) {
    try {
      return utf8.decode(bytes);
    } catch {
      // Not UTF-8: the editor decodes it by the user's encoding settings, so let it.
      return (await vscode.workspace.openTextDocument(vscode.Uri.file(absolute))).getText();
    }
  },
};

/** The current text behind a URI at apply time, or undefined when the file no longer exists. */
export function readNow(uri: vscode.Uri): Promise<string | undefined> {
  return readCurrent(uri.fsPath, vscodeFiles);
}
