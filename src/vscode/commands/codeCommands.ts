import * as vscode from 'vscode';
import type { ContextBlock } from '../../core/chat/types';
import type { Intent } from '../../core/effort';
import { commandSystemPrompt } from '../../core/prompts';
import { diagnosticsText, fileBlock, selectionBlock } from '../context';
import { progressTitle, runEditingCommand, withChatRevealed, type CommandDeps, type EditingResult } from './editingRunner';
import type { TurnOutcome } from '../chat/turnTypes';
import { baseName } from '../../core/review/titles';

/** Optional arguments, so the commands can be driven from tests, keybindings and other extensions. */
export interface CommandArgs {
  instructions?: string;
  question?: string;
}

function activeEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) void vscode.window.showWarningMessage('Open a file (and select code, if you like) first.');
  return editor;
}

/** The selection when there is one, else the whole file. */
function codeContext(editor: vscode.TextEditor): { blocks: ContextBlock[]; what: string } {
  const selection = selectionBlock(editor);
  const file = fileBlock(editor.document);
  if (selection) return { blocks: [selection], what: `the selection in ${selection.path}` };
  return { blocks: [file], what: file.path };
}

/** Explain and Ask answer in the chat; nothing is edited. */
export async function explainOrAsk(deps: CommandDeps, intent: Extract<Intent, 'explain' | 'ask'>, args: CommandArgs = {}): Promise<TurnOutcome | undefined> {
  const editor = activeEditor();
  if (!editor) return undefined;
  const { blocks, what } = codeContext(editor);
  let question = 'Explain this code.';
  if (intent === 'ask') {
    const asked = args.question ?? (await vscode.window.showInputBox({ title: `Ask about ${what}`, prompt: 'Your question', ignoreFocusOut: true }));
    if (!asked?.trim()) return undefined;
    question = asked.trim();
  }
  return withChatRevealed(deps, () => vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: progressTitle(intent === 'explain' ? 'Explain' : 'Ask', intent), cancellable: true },
    (_progress, token) => {
      token.onCancellationRequested(() => deps.chat.stop());
      return deps.chat.runTurn({
        intent,
        display: intent === 'explain' ? `Explain ${what}` : question,
        prompt: question,
        context: blocks,
        system: commandSystemPrompt(intent, false),
        task: intent === 'explain' ? 'Explain' : 'Ask',
      });
    },
  ));
}

export async function fixProblems(deps: CommandDeps): Promise<EditingResult | undefined> {
  const editor = activeEditor();
  if (!editor) return undefined;
  const range = editor.selection.isEmpty ? undefined : editor.selection;
  const problems = diagnosticsText(editor.document, range ?? new vscode.Range(editor.selection.active, editor.selection.active));
  const file = fileBlock(editor.document);
  if (!problems) {
    void vscode.window.showInformationMessage(`No errors or warnings are reported in ${file.path}.`);
    return undefined;
  }
  return runEditingCommand(deps, {
    intent: 'fix',
    title: `Fix problems in ${baseName(file.path)}`,
    display: `Fix the problems in ${file.path}`,
    prompt: `Fix these problems:\n${problems}`,
    context: [file],
  });
}

export async function refactor(deps: CommandDeps, args: CommandArgs = {}): Promise<EditingResult | undefined> {
  const editor = activeEditor();
  if (!editor) return undefined;
  const { blocks, what } = codeContext(editor);
  const instructions =
    args.instructions ??
    (await vscode.window.showInputBox({
      title: `Refactor ${what}`,
      prompt: 'How should it change? (e.g. "extract the pricing logic into its own module")',
      ignoreFocusOut: true,
    }));
  if (!instructions?.trim()) return undefined;
  return runEditingCommand(deps, { intent: 'refactor', title: `Refactor ${baseName(editor.document.uri.path)}`, display: `Refactor ${what}: ${instructions.trim()}`, prompt: instructions.trim(), context: blocks });
}

export async function generateTests(deps: CommandDeps): Promise<EditingResult | undefined> {
  const editor = activeEditor();
  if (!editor) return undefined;
  const { blocks, what } = codeContext(editor);
  return runEditingCommand(deps, { intent: 'tests', title: `Tests for ${baseName(editor.document.uri.path)}`, display: `Generate tests for ${what}`, prompt: 'Write tests for this code.', context: blocks });
}

export async function addDocumentation(deps: CommandDeps): Promise<EditingResult | undefined> {
  const editor = activeEditor();
  if (!editor) return undefined;
  const { blocks, what } = codeContext(editor);
  return runEditingCommand(deps, {
    intent: 'documentation',
    title: `Document ${baseName(editor.document.uri.path)}`,
    display: `Document ${what}`,
    prompt: 'Add documentation comments to this code.',
    context: blocks,
  });
}
