/** Shared by the review integration tests: a private review instance and file helpers. */
import * as vscode from 'vscode';
import { ChangeSetReview, type ReviewSettings } from '../../../src/vscode/review';

export interface TestSettings extends ReviewSettings {
  preview: boolean;
  save: boolean;
}

export function makeSettings(): TestSettings {
  return {
    preview: false,
    save: false,
    useRefactorPreview() {
      return this.preview;
    },
    saveAfterApply() {
      return this.save;
    },
  };
}

export function makeReview(settings: ReviewSettings): { review: ChangeSetReview; registration: vscode.Disposable } {
  const review = new ChangeSetReview(settings);
  return { review, registration: review.registerContentProvider() };
}

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration run opens the fixture workspace; no folder is open');
  return folder.uri;
}

export function fileUri(path: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...path.split('/'));
}

export async function diskText(path: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri(path)));
  } catch {
    return undefined;
  }
}

export async function documentText(path: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(fileUri(path))).getText();
}

export async function writeDisk(path: string, text: string | Uint8Array): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(path), typeof text === 'string' ? new TextEncoder().encode(text) : text);
}

/**
 * Puts a sample file back as it ships, in its open document and on disk: an applied change set
 * may leave the document edited (and unsaved), which the next command would read instead of the disk.
 */
export async function restoreFile(path: string, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(fileUri(path));
  if (document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    await vscode.workspace.applyEdit(edit);
  }
  if (document.isDirty) await document.save();
  if ((await diskText(path)) !== text) await writeDisk(path, text);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Waits until `check` holds: undo and file events settle asynchronously in the workbench. */
export async function eventually(check: () => Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}
