/**
 * Reads what a path holds right now, the way the user sees it: an open editor's
 * text (saved or not) wins over the disk. Refuses, with a message naming the
 * path, anything the review must not touch: outside the workspace, inside .git,
 * binary, a directory, or too large.
 */
import * as vscode from 'vscode';
import type { EditEngine } from './engine';
import { MAX_FILE_BYTES, isGitInternal, tooLargeMessage } from './pathRules';
import type { FileBase } from './plan';

export interface ReadBase {
  base: FileBase;
  uri?: vscode.Uri;
  /** The open document's version when the text came from an editor. */
  version?: number;
}

/** Local workspace folders: checkWorkspacePath works on file-system paths. */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export async function readBase(requested: string, roots: string[], engine: EditEngine): Promise<ReadBase> {
  const refuse = (error: string, key = `refused:${requested}`): ReadBase => ({ base: { key, path: requested, error } });
  if (roots.length === 0) return refuse(`cannot change ${requested}: no local workspace folder is open.`);
  if (isGitInternal(requested)) return refuse(`${requested} is inside .git; repository internals are never edited.`);
  const check = engine.checkWorkspacePath(roots, requested);
  if (!check.ok) return refuse(check.message.includes(requested) ? check.message : `${requested}: ${check.message}`);
  const key = check.absolute;
  const uri = vscode.Uri.file(check.absolute);
  const open = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
  if (open) {
    const text = open.getText();
    if (text.length > MAX_FILE_BYTES) return refuse(tooLargeMessage(requested, text.length), key);
    return { base: { key, path: requested, exists: true, text }, uri, version: open.version };
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      return { base: { key, path: requested, exists: false, text: '' }, uri };
    }
    return refuse(`cannot read ${requested}: ${error instanceof Error ? error.message : String(error)}`, key);
  }
  if (stat.type & vscode.FileType.Directory) return refuse(`${requested} is a directory, not a file.`, key);
  if (stat.size > MAX_FILE_BYTES) return refuse(tooLargeMessage(requested, stat.size), key);
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (engine.isProbablyBinary(bytes)) return refuse(`${requested} looks binary; the review edits text files only.`, key);
  const document = await vscode.workspace.openTextDocument(uri);
  return { base: { key, path: requested, exists: true, text: document.getText() }, uri, version: document.version };
}

/** The current text of a file at apply time, or undefined when it no longer exists. */
export async function readNow(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  return (await vscode.workspace.openTextDocument(uri)).getText();
}
