/**
 * The Changes view: change sets, their files (status icon, "+N −M", reason as
 * tooltip), and a modified file's hunks as children so each hunk can be kept
 * or dropped from inline actions, which work the same in desktop and code-server.
 */
import * as vscode from 'vscode';
import type { ChangeSet } from './changeSet';
import { countsLabel, hunkCounts, hunkLabel } from '../../core/review/decisions';
import type { ChangeSetReview } from './review';
import type { FileStatus, ReviewFileSnapshot } from '../../core/review/types';
import { changeSetTitle } from '../../core/review/titles';

export type ReviewNode =
  | { kind: 'set'; set: ChangeSet }
  | { kind: 'file'; set: ChangeSet; path: string }
  | { kind: 'hunk'; set: ChangeSet; path: string; index: number };

const STATUS_ICONS: Record<FileStatus, vscode.ThemeIcon> = {
  modified: new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground')),
  created: new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('gitDecoration.addedResourceForeground')),
  deleted: new vscode.ThemeIcon('diff-removed', new vscode.ThemeColor('gitDecoration.deletedResourceForeground')),
  renamed: new vscode.ThemeIcon('diff-renamed', new vscode.ThemeColor('gitDecoration.renamedResourceForeground')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
};

export class ChangesTreeProvider implements vscode.TreeDataProvider<ReviewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReviewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly review: ChangeSetReview) {
    this.subscription = review.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: ReviewNode): ReviewNode[] {
    if (!node) return this.review.sets.map((set) => ({ kind: 'set', set }));
    if (node.kind === 'set') return node.set.files.map((f) => ({ kind: 'file', set: node.set, path: f.path }));
    if (node.kind === 'file') {
      const file = snapshotOf(node.set, node.path);
      if (file.status !== 'modified' || file.outcome) return [];
      return file.hunks.map((_, index) => ({ kind: 'hunk', set: node.set, path: node.path, index }));
    }
    return [];
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    if (node.kind === 'set') return setItem(node.set);
    const file = snapshotOf(node.set, node.path);
    return node.kind === 'file' ? fileItem(node, file) : hunkItem(node, file);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function snapshotOf(set: ChangeSet, path: string): ReviewFileSnapshot {
  const file = set.files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} is not in the change set "${set.meta.title}".`);
  return file;
}

function setItem(set: ChangeSet): vscode.TreeItem {
  const files = set.files;
  const item = new vscode.TreeItem(changeSetTitle(set.meta.title, files.length), vscode.TreeItemCollapsibleState.Expanded);
  const accepted = files.filter((f) => f.decision === 'accepted' || f.decision === 'partial').length;
  const state = set.state;
  item.description = state === 'applied' ? 'applied' : state === 'undone' ? 'undone · apply again to redo it' : `${accepted}/${files.length} accepted`;
  item.tooltip = state === 'undone' ? 'Undo took these changes back; Apply writes the accepted ones again.' : undefined;
  item.contextValue = set.isSettled ? 'stepFlash.changeSet.settled' : 'stepFlash.changeSet';
  item.iconPath = new vscode.ThemeIcon('git-pull-request-draft');
  return item;
}

function fileItem(node: Extract<ReviewNode, { kind: 'file' }>, file: ReviewFileSnapshot): vscode.TreeItem {
  const name = file.path.split(/[\\/]/).pop() ?? file.path;
  const hasHunks = file.status === 'modified' && !file.outcome && file.hunks.length > 0;
  const item = new vscode.TreeItem(name, hasHunks ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const state = file.outcome ? file.outcome.kind : file.undone ? 'undone' : file.status === 'failed' ? '' : file.decision;
  const where = file.fromPath !== undefined ? `${file.fromPath} → ${file.path}` : file.path;
  item.description = [countsLabel(file.added, file.removed), state, where].filter(Boolean).join(' · ');
  item.iconPath = STATUS_ICONS[file.status];
  const undone = file.undone ? `Undo took back the applied change; it is ${file.decision} and Apply writes it again. ` : '';
  item.tooltip = file.outcome?.message ?? file.reason ?? `${undone}${file.status}: ${where} (${countsLabel(file.added, file.removed)}), ${file.decision}`;
  item.contextValue = file.outcome || file.status === 'failed' ? 'stepFlash.changeFile.done' : `stepFlash.changeFile.${file.status}`;
  item.command = { command: 'stepFlash.review.openDiff', title: 'Open Diff', arguments: [node] };
  return item;
}

function hunkItem(node: Extract<ReviewNode, { kind: 'hunk' }>, file: ReviewFileSnapshot): vscode.TreeItem {
  const entry = file.hunks[node.index];
  if (!entry) return new vscode.TreeItem(`hunk ${node.index} (gone)`);
  const { added, removed } = hunkCounts(entry.hunk);
  const item = new vscode.TreeItem(hunkLabel(entry.hunk), vscode.TreeItemCollapsibleState.None);
  item.description = `${countsLabel(added, removed)} · ${entry.decision}`;
  item.tooltip = new vscode.MarkdownString().appendCodeblock(entry.hunk.lines.join('\n'), 'diff');
  item.iconPath = new vscode.ThemeIcon(entry.decision === 'accepted' ? 'check' : entry.decision === 'rejected' ? 'close' : 'circle-outline');
  item.contextValue = 'stepFlash.changeHunk';
  item.command = { command: 'stepFlash.review.openDiff', title: 'Open Diff', arguments: [node] };
  return item;
}
