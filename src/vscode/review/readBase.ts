/**
 * The review's file reading through VS Code: an open editor's text (saved or
 * not) wins over the disk, which is read through the workspace file system so
 * remote and virtual workspaces behave like local ones. The rules for what may
 * be read live in src/core/review/readBase.ts.
 */
import * as vscode from 'vscode';
import { readCurrent, type FileAccess } from '../../core/review/readBase';

/** Local workspace folders: checkWorkspacePath works on file-system paths. */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
}

export const vscodeFiles: FileAccess = {
  openText: (absolute) => openDocument(vscode.Uri.file(absolute))?.getText(),
  async stat(absolute) {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.file(absolute));
      return { directory: (stat.type & vscode.FileType.Directory) !== 0, size: stat.size };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  },
  readBytes: async (absolute) => vscode.workspace.fs.readFile(vscode.Uri.file(absolute)),
  readText: async (absolute) => (await vscode.workspace.openTextDocument(vscode.Uri.file(absolute))).getText(),
};

/** The current text behind a URI at apply time, or undefined when the file no longer exists. */
export function readNow(uri: vscode.Uri): Promise<string | undefined> {
  return readCurrent(uri.fsPath, vscodeFiles);
}
