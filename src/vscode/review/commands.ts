/**
 * The review's commands and view, registered once by the extension. Commands
 * take a tree node (inline actions) or nothing (palette: the newest open set).
 */
import * as vscode from 'vscode';
import type { ChangeSet } from './changeSet';
import { EDIT_SCHEME, EditableProposals } from './editableProposals';
import type { ChangeSetReview } from './review';
import { ChangesTreeProvider, type ReviewNode } from './tree';
import { activeProposal, HunkLenses, hunkUnderCursor, targetOfUri, type DiffTarget } from './diffActions';
import { PROPOSED_SCHEME } from './proposedDocuments';
import type { ApplyReport } from '../../core/review/types';
import type { Shell } from '../shell';

export const REVIEW_COMMANDS = {
  openDiff: 'stepFlash.review.openDiff',
  editProposal: 'stepFlash.review.editProposal',
  accept: 'stepFlash.review.accept',
  reject: 'stepFlash.review.reject',
  acceptAll: 'stepFlash.review.acceptAll',
  rejectAll: 'stepFlash.review.rejectAll',
  apply: 'stepFlash.review.apply',
  dismiss: 'stepFlash.review.dismiss',
  acceptFile: 'stepFlash.review.acceptFile',
  rejectFile: 'stepFlash.review.rejectFile',
  acceptHunk: 'stepFlash.review.acceptHunk',
  rejectHunk: 'stepFlash.review.rejectHunk',
} as const;

/** What a review command is run on: a tree node (inline actions), a proposed document (the diff's title bar, CodeLens), or nothing (palette, keys). */
type Target = ReviewNode | vscode.Uri | undefined;

/** Fills the Changes view (registered at activation), registers the proposed/editable document schemes, handles every review command. */
export function registerReviewUi(review: ChangeSetReview, shell: Shell): vscode.Disposable {
  const tree = new ChangesTreeProvider(review);
  const editable = new EditableProposals((id) => review.find(id));
  const view = shell.showChangesTree(tree);
  const find = (id: string) => review.find(id);
  /** The set a command means: the node's, the proposal's, the diff in front of the user, else the newest. */
  const newest = (target: Target): ChangeSet => {
    const set =
      (target instanceof vscode.Uri ? targetOfUri(target, find)?.set : target?.set) ?? activeProposal(find)?.set ?? review.sets[review.sets.length - 1];
    if (!set) throw new Error('There is no change set to review.');
    return set;
  };
  /** The file a diff-editor command means: the proposal it was run on, or the one the active diff shows. */
  const proposalFile = (target: Target): DiffTarget => {
    if (target && !(target instanceof vscode.Uri) && target.kind !== 'set') return { set: target.set, path: target.path };
    const found = target instanceof vscode.Uri ? targetOfUri(target, find) : activeProposal(find);
    if (!found) throw new Error('Open the diff of a proposed file first (click a file in the Step Flash Changes view).');
    return found;
  };
  const decideHunk = (verb: 'accept' | 'reject', uri?: vscode.Uri, index?: number) => {
    const picked = uri instanceof vscode.Uri && typeof index === 'number' ? { ...proposalFile(uri), index } : hunkUnderCursor(find);
    if (verb === 'accept') picked.set.acceptHunk(picked.path, picked.index);
    else picked.set.rejectHunk(picked.path, picked.index);
  };
  const lenses = new HunkLenses(find, review.onDidChange, { acceptHunk: REVIEW_COMMANDS.acceptHunk, rejectHunk: REVIEW_COMMANDS.rejectHunk });
  const fileOf = (node: Target): { set: ChangeSet; path: string } => {
    if (!node || node instanceof vscode.Uri || node.kind === 'set') throw new Error('Pick a file in the Step Flash Changes view first.');
    return { set: node.set, path: node.path };
  };
  const command = (id: string, run: (target?: Target, ...rest: unknown[]) => unknown) =>
    shell.handle(id, async (target?: Target, ...rest: unknown[]) => {
      try {
        await run(target, ...rest);
      } catch (error) {
        void vscode.window.showErrorMessage(`Step Flash: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  const updateBadge = () => {
    const pending = review.sets.flatMap((s) => s.files).filter((f) => !f.outcome && f.status !== 'failed' && f.decision !== 'rejected').length;
    view.badge = pending > 0 ? { value: pending, tooltip: `${pending} proposed file change(s) to review` } : undefined;
  };
  return vscode.Disposable.from(
    tree,
    editable,
    lenses,
    vscode.languages.registerCodeLensProvider({ scheme: PROPOSED_SCHEME }, lenses),
    review.onDidChange(updateBadge),
    review.registerContentProvider(),
    vscode.workspace.registerFileSystemProvider(EDIT_SCHEME, editable, { isCaseSensitive: true }),
    command(REVIEW_COMMANDS.openDiff, (node) => {
      const { set, path } = fileOf(node);
      return review.openDiff(set, path);
    }),
    command(REVIEW_COMMANDS.editProposal, (node) => {
      const { set, path } = fileOf(node);
      return review.editProposal(set, path);
    }),
    command(REVIEW_COMMANDS.accept, (node) => decide(node, 'accept')),
    command(REVIEW_COMMANDS.reject, (node) => decide(node, 'reject')),
    command(REVIEW_COMMANDS.acceptFile, (target) => {
      const { set, path } = proposalFile(target);
      set.accept(path);
    }),
    command(REVIEW_COMMANDS.rejectFile, (target) => {
      const { set, path } = proposalFile(target);
      set.reject(path);
    }),
    command(REVIEW_COMMANDS.acceptHunk, (uri, index) => decideHunk('accept', uri as vscode.Uri | undefined, index as number | undefined)),
    command(REVIEW_COMMANDS.rejectHunk, (uri, index) => decideHunk('reject', uri as vscode.Uri | undefined, index as number | undefined)),
    command(REVIEW_COMMANDS.acceptAll, (node) => newest(node).acceptAll()),
    command(REVIEW_COMMANDS.rejectAll, (node) => newest(node).rejectAll()),
    command(REVIEW_COMMANDS.apply, async (node) => {
      const set = newest(node);
      await flushEditedProposals(set);
      showReport(set, await set.apply());
    }),
    command(REVIEW_COMMANDS.dismiss, (node) => newest(node).dispose()),
  );
}

function decide(node: Target, verb: 'accept' | 'reject'): void {
  if (!node || node instanceof vscode.Uri) throw new Error(`Pick a file or hunk in the Step Flash Changes view to ${verb}.`);
  if (node.kind === 'set') return verb === 'accept' ? node.set.acceptAll() : node.set.rejectAll();
  if (node.kind === 'hunk') return verb === 'accept' ? node.set.acceptHunk(node.path, node.index) : node.set.rejectHunk(node.path, node.index);
  return verb === 'accept' ? node.set.accept(node.path) : node.set.reject(node.path);
}

/** An edited proposal the user has not saved yet still counts: take its text before applying. */
async function flushEditedProposals(set: ChangeSet): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.uri.scheme === EDIT_SCHEME && document.uri.authority === set.id && document.isDirty) await document.save();
  }
}

function showReport(set: ChangeSet, report: ApplyReport): void {
  if (!report.ok) {
    void vscode.window.showErrorMessage(`Step Flash: ${report.error ?? 'the changes were not applied.'}`);
    return;
  }
  const count = (kind: string) => report.files.filter((f) => f.kind === kind).length;
  const problems = report.files.filter((f) => f.kind === 'stale' || f.kind === 'failed');
  const summary = `${set.meta.title}: ${count('applied')} applied, ${count('stale')} stale, ${count('failed')} failed, ${count('skipped')} not accepted.`;
  if (problems.length > 0) void vscode.window.showWarningMessage(`Step Flash: ${summary} ${problems.map((p) => p.message).join(' ')}`);
  else void vscode.window.showInformationMessage(`Step Flash: ${summary} Undo restores everything at once.`);
}
