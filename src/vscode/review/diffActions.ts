/**
 * Decisions where the diff is: which proposal a diff editor shows, the change under its
 * cursor, and a CodeLens over each change on the proposed side. The commands that use
 * them are contributed for the diff's title bar and context menu, with keybindings
 * (package.json, `resourceScheme` of a proposal), so every decision is keyboard-reachable.
 */
import * as vscode from 'vscode';
import { countsLabel, hunkAtLine, hunkCounts, hunkLabel, hunkSpan } from '../../core/review/decisions';
import type { ChangeSet } from './changeSet';
import { EDIT_SCHEME, parseProposedUri, PROPOSED_SCHEME } from './proposedDocuments';

type FindSet = (id: string) => ChangeSet | undefined;

export interface DiffTarget {
  set: ChangeSet;
  path: string;
}

/** The open set and file a proposed (or editable proposed) document's URI names. */
export function targetOfUri(uri: vscode.Uri, find: FindSet): DiffTarget | undefined {
  if (uri.scheme !== PROPOSED_SCHEME && uri.scheme !== EDIT_SCHEME) return undefined;
  const { setId, path } = parseProposedUri(uri);
  const set = find(setId);
  if (!set) return undefined;
  try {
    return { set, path: set.entry(path).file.path };
  } catch {
    return undefined;
  }
}

/** The proposal the active tab shows, and where its cursor is: a line of the proposed side ('new') or of the current file ('old'). */
export function activeProposal(find: FindSet): (DiffTarget & { line?: number; side: 'old' | 'new' }) | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const shown = input instanceof vscode.TabInputTextDiff ? input.modified : input instanceof vscode.TabInputText ? input.uri : undefined;
  const target = shown && targetOfUri(shown, find);
  if (!shown || !target) return undefined;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return { ...target, side: 'new' };
  const side = editor.document.uri.toString() === shown.toString() ? 'new' : 'old';
  return { ...target, line: editor.selection.active.line + 1, side };
}

/** The index of the change under the cursor of the active proposal's diff. */
export function hunkUnderCursor(find: FindSet): DiffTarget & { index: number } {
  const active = activeProposal(find);
  if (!active) throw new Error('Open the diff of a proposed change first (click a file in the Step Flash Changes view).');
  const file = active.set.files.find((f) => f.path === active.path);
  if (!file || file.status !== 'modified' || file.outcome) {
    throw new Error(`${active.path} has no changes to decide one by one here; accept or reject the whole file.`);
  }
  const index = hunkAtLine(file.hunks.map((h) => h.hunk), active.line ?? 1, active.side);
  if (index === undefined) throw new Error(`${active.path} has no changes left to decide.`);
  return { set: active.set, path: active.path, index };
}

/** Accept / Reject over each change of a modified file, on the proposed side (the hunk's state in the title). */
export class HunkLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly find: FindSet,
    onDidChange: vscode.Event<void>,
    private readonly commands: { acceptHunk: string; rejectHunk: string },
  ) {
    this.subscription = onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (parseProposedUri(document.uri).side === 'base') return [];
    const target = targetOfUri(document.uri, this.find);
    const file = target?.set.files.find((f) => f.path === target.path);
    if (!file || file.status !== 'modified' || file.outcome) return [];
    return file.hunks.flatMap(({ hunk, decision }, index) => {
      const line = Math.max(0, Math.min(document.lineCount - 1, hunkSpan(hunk).newFirst - 1));
      const range = new vscode.Range(line, 0, line, 0);
      const { added, removed } = hunkCounts(hunk);
      const what = `${hunkLabel(hunk)} (${countsLabel(added, removed)})`;
      const args = [document.uri, index];
      return [
        new vscode.CodeLens(range, {
          title: decision === 'accepted' ? `$(check) Accepted: ${what}` : `Accept ${what}`,
          command: this.commands.acceptHunk,
          arguments: args,
          tooltip: 'Keep this change (Alt+Y with the cursor in it)',
        }),
        new vscode.CodeLens(range, {
          title: decision === 'rejected' ? '$(close) Rejected' : 'Reject',
          command: this.commands.rejectHunk,
          arguments: args,
          tooltip: 'Drop this change (Alt+N with the cursor in it)',
        }),
      ];
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
