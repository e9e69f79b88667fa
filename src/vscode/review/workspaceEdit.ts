/**
 * Turns the planned operations into ONE WorkspaceEdit (so one undo restores
 * them all), applies it, and checks afterwards what actually landed: through
 * the refactor preview the user may leave entries out.
 */
import * as vscode from 'vscode';
import type { FileOperation as Operation } from '../../core/review/applyPlan';
import { mapLimited } from '../../core/review/mapLimited';
import { LineIndex, minimalReplace } from '../../core/review/textRange';
import { openDocument, readNow } from './readBase';

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
  const lines = new LineIndex(text);
  const a = lines.positionAt(start);
  const b = lines.positionAt(end);
  return new vscode.Range(a.line, a.character, b.line, b.character);
}

const normalize = (text: string) => text.replace(/\r\n/g, '\n');

/** Whether an operation's result is what the files hold now (through the refactor preview the user may leave entries out). */
export async function landed(op: FileOperation): Promise<boolean> {
  switch (op.kind) {
    case 'write':
    case 'create': {
      const now = await readNow(op.uri);
      return now !== undefined && normalize(now) === normalize(op.newText);
    }
    case 'delete':
      return (await readNow(op.uri)) === undefined;
    case 'rename': {
      const now = await readNow(op.to);
      const textLanded = now !== undefined && (!op.edit || normalize(now) === normalize(op.edit.newText));
      return (await readNow(op.from)) === undefined && textLanded;
    }
  }
}

/** Saves at once: each save is a round trip to the workbench, and too many together crowd out the user's own work. */
const SAVES_IN_FLIGHT = 4;

/**
 * Saves the documents a write (or a rename that also edits) touched, each only if its `guard`
 * (the path gate's look right before the save) finds nothing wrong; returns a message per
 * operation whose file was not saved.
 */
export async function saveTouched(items: Array<{ op: FileOperation; guard: () => Promise<string | undefined> }>): Promise<Map<FileOperation, string>> {
  const problems = new Map<FileOperation, string>();
  await mapLimited(items, SAVES_IN_FLIGHT, async ({ op, guard }) => {
    if (op.kind !== 'write' && !(op.kind === 'rename' && op.edit)) return;
    const uri = op.kind === 'rename' ? op.to : op.uri;
    try {
      const refused = await guard();
      if (refused) {
        problems.set(op, `applied but not saved: ${refused}`);
        return;
      }
      // TextDocument.save works whether or not the file is shown in an editor; workspace.save
      // only saves what an editor has open and quietly does nothing otherwise.
      const document = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
      const saved = !document.isDirty || (await document.save());
      if (!saved) problems.set(op, 'applied but not saved (the save was cancelled or failed)');
    } catch (error) {
      problems.set(op, `applied but not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return problems;
}
