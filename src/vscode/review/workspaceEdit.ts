/**
 * Turns the planned operations into ONE WorkspaceEdit (so one undo restores
 * them all), applies it, and checks afterwards what actually landed: through
 * the refactor preview the user may leave entries out.
 */
import * as vscode from 'vscode';
import type { FileOperation as Operation } from '../../core/review/applyPlan';
import { minimalReplace } from '../../core/review/textRange';

export type FileOperation = Operation<vscode.Uri>;

export function buildWorkspaceEdit(ops: FileOperation[], label: string, needsConfirmation: boolean): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation, label };
  for (const op of ops) {
    switch (op.kind) {
      case 'write': {
        const change = minimalReplace(op.oldText, op.newText);
        edit.replace(op.uri, offsetRange(op.oldText, change.start, change.end), change.text, metadata);
        break;
      }
      case 'create':
        edit.createFile(op.uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(op.newText) }, metadata);
        break;
      case 'delete':
        edit.deleteFile(op.uri, { recursive: false, ignoreIfNotExists: false }, metadata);
        break;
      case 'rename':
        edit.renameFile(op.from, op.to, { overwrite: false, ignoreIfExists: false }, metadata);
        // Entries apply in order, so the text edit lands on the file under its new name.
        if (op.edit) {
          const change = minimalReplace(op.edit.oldText, op.edit.newText);
          edit.replace(op.to, offsetRange(op.edit.oldText, change.start, change.end), change.text, metadata);
        }
        break;
    }
  }
  return edit;
}

/** A Range from offsets in `text` without needing the document open. */
function offsetRange(text: string, start: number, end: number): vscode.Range {
  return new vscode.Range(positionAt(text, start), positionAt(text, end));
}

function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}

const normalize = (text: string) => text.replace(/\r\n/g, '\n');

async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

/** Whether an operation's result is what the files hold now. */
export async function landed(op: FileOperation): Promise<boolean> {
  switch (op.kind) {
    case 'write':
    case 'create': {
      const now = await textOf(op.uri);
      return now !== undefined && normalize(now) === normalize(op.newText);
    }
    case 'delete':
      return (await textOf(op.uri)) === undefined;
    case 'rename': {
      const now = await textOf(op.to);
      const textLanded = now !== undefined && (!op.edit || normalize(now) === normalize(op.edit.newText));
      return (await textOf(op.from)) === undefined && textLanded;
    }
  }
}

/** Saves the documents a write (or a rename that also edits) touched; returns a message per file that could not be saved. */
export async function saveTouched(ops: FileOperation[]): Promise<Map<vscode.Uri, string>> {
  const problems = new Map<vscode.Uri, string>();
  for (const op of ops) {
    if (op.kind !== 'write' && !(op.kind === 'rename' && op.edit)) continue;
    const uri = op.kind === 'rename' ? op.to : op.uri;
    try {
      // TextDocument.save works whether or not the file is shown in an editor; workspace.save
      // only saves what an editor has open and quietly does nothing otherwise.
      const document = await vscode.workspace.openTextDocument(uri);
      const saved = !document.isDirty || (await document.save());
      if (!saved) problems.set(uri, 'applied but not saved (the save was cancelled or failed)');
    } catch (error) {
      problems.set(uri, `applied but not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}
