import * as vscode from 'vscode';
import type { ContextChip } from '../../shared/protocol';
import { relativePath } from '../context';
import type { CommandDeps } from './editingRunner';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The chip for the editor's selection, or undefined when nothing is selected. */
export function selectionChip(editor: vscode.TextEditor): ContextChip | undefined {
  if (editor.selection.isEmpty) return undefined;
  const path = relativePath(editor.document.uri);
  const { start, end } = editor.selection;
  return { id: `sel:${path}:${start.line}-${end.line}`, kind: 'selection', label: `${baseName(path)}:${start.line + 1}-${end.line + 1}`, path, startLine: start.line, endLine: end.line };
}

export function fileChip(uri: vscode.Uri): ContextChip {
  const path = relativePath(uri);
  return { id: `file:${path}`, kind: 'file', label: baseName(path), path };
}

/**
 * "Add Selection to Chat" / "Add File to Chat": attaches context as a chip the
 * user sees (and can remove) before sending. The text is read when the message
 * is sent, so the chip always carries the current contents.
 */
export async function addToChat(deps: CommandDeps, kind: 'selection' | 'file', uri?: vscode.Uri): Promise<ContextChip | undefined> {
  const editor = vscode.window.activeTextEditor;
  let chip: ContextChip | undefined;
  if (kind === 'selection') {
    chip = editor ? selectionChip(editor) : undefined;
    if (!chip) void vscode.window.showInformationMessage('Select some code first; it is then attached to your next chat message.');
  } else {
    const target = uri instanceof vscode.Uri ? uri : editor?.document.uri;
    if (target && vscode.workspace.getWorkspaceFolder(target)) chip = fileChip(target);
    else void vscode.window.showInformationMessage('Open a file of the workspace to attach it to the chat.');
  }
  if (!chip) return undefined;
  // The next thing the user does is type the question about it.
  await deps.chatView.focusInput();
  deps.chat.post({ type: 'addChip', chip });
  return chip;
}
