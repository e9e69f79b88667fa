/**
 * The review service: turns proposals into change sets, keeps them for the
 * Changes view, and opens their diffs. One per extension; UI registration is
 * separate (registerReviewUi) so tests can drive a private instance.
 */
import * as vscode from 'vscode';
import * as edits from '../../core/edits';
import type { ProposedChange } from '../../core/edits/types';
import type { EditEngine } from '../../core/review/engine';
import { planProposal } from '../../core/review/propose';
import { readBase } from '../../core/review/readBase';
import { ReviewFile } from '../../core/review/reviewFile';
import { proposedTabTitle } from '../../core/review/titles';
import type { ApplyReport, ProposalMeta, RepairHook, ReviewSettings } from '../../core/review/types';
import { ChangeSet, type LocatedFile } from './changeSet';
import { EDIT_SCHEME } from './editableProposals';
import { closeProposalTabs, PROPOSED_SCHEME, ProposedContentProvider, proposedUri } from './proposedDocuments';
import { vscodeFiles, workspaceGate } from './readBase';

/** Lets the extension host handle other work while a large proposal is planned: a turn every 20 ms of work, not one per file. */
function slicer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < 20) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

export class ChangeSetReview implements vscode.Disposable {
  /** One automatic repair turn for files whose blocks did not place; the edit flow provides it. */
  onNeedsRepair: RepairHook | undefined;
  readonly content: ProposedContentProvider;
  private readonly list: ChangeSet[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly applied = new vscode.EventEmitter<{ set: ChangeSet; report: ApplyReport }>();
  /** Every apply of every set, with its report (the log says when one wrote nothing). */
  readonly onDidApply = this.applied.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  private readonly engine: EditEngine;

  constructor(
    private readonly settings: ReviewSettings,
    options: { engine?: EditEngine; onNeedsRepair?: RepairHook } = {},
  ) {
    this.engine = options.engine ?? edits;
    this.onNeedsRepair = options.onNeedsRepair;
    this.content = new ProposedContentProvider((id) => this.find(id));
    this.subscriptions.push(
      this.content,
      this.changed,
      this.applied,
      // Undo and Redo of an apply: the sets it concerns compare their files with what they wrote.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.reason !== undefined) this.recheckApplied([e.document.uri]);
      }),
      vscode.workspace.onDidCreateFiles((e) => this.recheckApplied(e.files)),
      vscode.workspace.onDidDeleteFiles((e) => this.recheckApplied(e.files)),
      vscode.workspace.onDidRenameFiles((e) => this.recheckApplied(e.files.flatMap((f) => [f.oldUri, f.newUri]))),
    );
  }

  get sets(): readonly ChangeSet[] {
    return this.list;
  }

  find(id: string): ChangeSet | undefined {
    return this.list.find((s) => s.id === id);
  }

  /** Registers the read-only proposed-document provider (also done by registerReviewUi). */
  registerContentProvider(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, this.content);
  }

  async propose(changes: ProposedChange[], meta: ProposalMeta): Promise<ChangeSet> {
    if (!Array.isArray(changes) || changes.length === 0) throw new Error(`the proposal "${meta.title}" contains no changes.`);
    const gate = workspaceGate();
    const uris = new Map<string, vscode.Uri>();
    const read = async (path: string) => {
      const base = await readBase(path, gate, this.engine, vscodeFiles);
      if (!('error' in base)) uris.set(base.key, vscode.Uri.file(base.key));
      return base;
    };
    const pause = slicer();
    const planned = await planProposal(changes, this.engine, { read, pause, ...(this.onNeedsRepair ? { repair: this.onNeedsRepair } : {}) });
    const located: LocatedFile[] = [];
    for (const plan of planned) {
      const uri = uris.get(plan.key) ?? refusedUri(plan.path);
      const fromUri = plan.fromKey !== undefined ? (uris.get(plan.fromKey) ?? refusedUri(plan.fromPath ?? plan.fromKey)) : undefined;
      located.push({ file: new ReviewFile(plan, this.engine), uri, ...(fromUri ? { fromUri } : {}) });
      await pause();
    }
    const set = new ChangeSet(meta, located, this.engine, this.settings, workspaceGate);
    this.list.push(set);
    this.subscriptions.push(
      set.onDidChange(() => {
        if (set.isDisposed) {
          this.forget(set);
          void closeProposalTabs(set.id);
        } else this.content.refresh(set);
        this.changed.fire();
      }),
      set.onDidApply((report) => {
        // A file apply wrote or left for good has nothing more to review; files still pending keep their diffs.
        const done = new Set(set.files.filter((f) => f.outcome).map((f) => f.path));
        if (report.ok) void closeProposalTabs(set.id, done);
        this.applied.fire({ set, report });
      }),
    );
    this.changed.fire();
    return set;
  }

  /** Opens the diff of one file: current text on the left, the read-only proposal on the right. */
  async openDiff(set: ChangeSet, path: string): Promise<void> {
    const { file, uri, fromUri } = set.entry(path);
    const status = file.plan.status;
    const left = status === 'created' || status === 'failed' ? proposedUri(set, file.path, 'base') : (fromUri ?? uri);
    const right = proposedUri(set, file.path);
    await vscode.commands.executeCommand('vscode.diff', left, right, tabTitle(set, file.path, file.plan.fromPath));
  }

  /** Opens the same diff with a writable proposed side; saving it makes the edit the proposal. */
  async editProposal(set: ChangeSet, path: string): Promise<void> {
    const { file, uri } = set.entry(path);
    const status = file.plan.status;
    if (status !== 'modified' && status !== 'created') {
      throw new Error(`${file.path} is ${status}; only a modified or created file has a proposal to edit.`);
    }
    const left = status === 'created' ? proposedUri(set, file.path, 'base') : uri;
    const right = proposedUri(set, file.path, 'proposed', EDIT_SCHEME);
    await vscode.commands.executeCommand('vscode.diff', left, right, tabTitle(set, file.path, undefined, true));
  }

  dispose(): void {
    for (const set of [...this.list]) set.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private recheckApplied(uris: readonly vscode.Uri[]): void {
    for (const set of this.list) if (uris.some((uri) => set.wrote(uri))) void set.recheckApplied();
  }

  private forget(set: ChangeSet): void {
    const index = this.list.indexOf(set);
    if (index >= 0) this.list.splice(index, 1);
  }
}

function tabTitle(set: ChangeSet, path: string, fromPath?: string, editing = false): string {
  return proposedTabTitle(path, set.files.map((f) => f.path), fromPath, editing);
}

/** A refused file has no real URI; its diff shows the proposal side only. */
function refusedUri(path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/refused/${path}` });
}
