import * as vscode from 'vscode';
import type { ProposedChange } from '../../core/edits';
import { parseSuggestedName, renamePrompt } from '../../core/prompts';
import { relativePath } from '../context';
import { progressTitle, runEditingCommand, withChatRevealed, type CommandDeps } from './editingRunner';
import type { ChangeSet } from '../review';

export interface RenameArgs {
  /** Skip the confirmation box and use the model's name as it is (tests, automation). */
  acceptSuggestion?: boolean;
}

export type RenameOutcome =
  | { kind: 'proposed'; newName: string; via: 'rename-provider' | 'model-edits'; set?: ChangeSet }
  | { kind: 'cancelled' | 'failed'; message: string };

/** Turns the language server's WorkspaceEdit into whole-file proposals for the review. */
export async function workspaceEditToChanges(edit: vscode.WorkspaceEdit): Promise<ProposedChange[]> {
  const changes: ProposedChange[] = [];
  for (const [uri, edits] of edit.entries()) {
    const document = await vscode.workspace.openTextDocument(uri);
    let text = document.getText();
    const sorted = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
    for (const e of sorted) {
      text = text.slice(0, document.offsetAt(e.range.start)) + e.newText + text.slice(document.offsetAt(e.range.end));
    }
    changes.push({ kind: 'create', path: relativePath(uri), content: text });
  }
  return changes;
}

/**
 * Rename Symbol: the model proposes the name (low effort), the language
 * server's rename provider computes every reference, and the result goes to the
 * same review as any edit. Without a rename provider, the model edits instead.
 */
export async function renameSymbol(deps: CommandDeps, args: RenameArgs = {}): Promise<RenameOutcome> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return fail('Open a file and put the cursor on a symbol first.');
  const document = editor.document;
  const position = editor.selection.active;
  const wordRange = document.getWordRangeAtPosition(position);
  if (!wordRange) return fail('Put the cursor on the symbol to rename.');
  const symbol = document.getText(wordRange);
  const start = Math.max(0, position.line - 30);
  const context = document.getText(new vscode.Range(start, 0, Math.min(document.lineCount - 1, position.line + 30), 0));
  const turn = await withChatRevealed(deps, () => vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: progressTitle(`Rename ${symbol}`, 'rename'), cancellable: true },
    (_p, token) => {
      token.onCancellationRequested(() => deps.chat.stop());
      return deps.chat.runTurn({
        intent: 'rename',
        display: `Suggest a better name for \`${symbol}\` in ${relativePath(document.uri)}`,
        prompt: renamePrompt(symbol, document.languageId, context),
        system: 'You are Step Flash, a coding assistant. Reply with a single identifier.',
        task: `Rename ${symbol}`,
      });
    },
  ));
  if (turn.status !== 'done') return { kind: 'failed', message: 'The model did not suggest a name (see the chat).' };
  const suggested = parseSuggestedName(turn.text);
  const newName = args.acceptSuggestion
    ? suggested
    : await vscode.window.showInputBox({
        title: `Rename ${symbol}`,
        value: suggested ?? symbol,
        prompt: suggested ? 'Suggested by Step Flash — edit or press Enter' : 'The model’s reply was not a valid name; type one',
        validateInput: (v) => (/^[A-Za-z_$][\w$]*$/.test(v.trim()) ? undefined : 'Not a valid identifier'),
      });
  if (!newName?.trim()) return suggested ? { kind: 'cancelled', message: 'Rename cancelled.' } : fail(`The model replied “${turn.text.slice(0, 80)}”, which is not a valid name.`);
  const name = newName.trim();

  let edit: vscode.WorkspaceEdit | undefined;
  try {
    edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', document.uri, position, name);
  } catch {
    edit = undefined; // no rename provider for this language, or it refused this position
  }
  if (edit && edit.size > 0) {
    const changes = await workspaceEditToChanges(edit);
    const review = await deps.edits.proposeChanges(changes, { title: `Rename ${symbol} → ${name}`, source: 'rename' });
    await vscode.commands.executeCommand('stepFlash.changes.focus').then(undefined, () => undefined);
    return { kind: 'proposed', newName: name, via: 'rename-provider', set: review };
  }
  const result = await runEditingCommand(deps, {
    intent: 'rename',
    title: `Rename ${symbol} → ${name}`,
    display: `Rename \`${symbol}\` to \`${name}\` (no rename provider for ${document.languageId})`,
    prompt: `Rename the symbol \`${symbol}\` to \`${name}\` everywhere it is used in the workspace, changing nothing else.`,
    context: [],
  });
  return result.proposal?.kind === 'proposed'
    ? { kind: 'proposed', newName: name, via: 'model-edits', set: result.proposal.set }
    : fail('The model proposed no edits for the rename.');
}

function fail(message: string): RenameOutcome {
  void vscode.window.showWarningMessage(message);
  return { kind: 'failed', message };
}
