/**
 * The review service: turns proposals into change sets, keeps them for the
 * Changes view, and opens their diffs. One per extension; UI registration is
 * separate (registerReviewUi) so tests can drive a private instance.
 */
import * as vscode from 'vscode';
import * as edits from '../../core/edits';
import type { ProposedChange } from '../../core/edits/types';
import type { Located } from './applyPlan';
import { ChangeSet } from './changeSet';
import { EDIT_SCHEME } from './editableProposals';
import type { EditEngine } from './engine';
import { changePaths, planChanges, type FileBase, type PlannedFile } from './plan';
import { PROPOSED_SCHEME, ProposedContentProvider, proposedUri } from './proposedDocuments';
import { readBase, workspaceRoots, type ReadBase } from './readBase';
import { ReviewFile } from './reviewFile';
import type { ProposalMeta, RepairHook, ReviewSettings } from './types';

/** Lets the extension host handle other work between files of a large proposal. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ChangeSetReview implements vscode.Disposable {
  /** One automatic repair turn for files whose blocks did not place; the edit flow provides it. */
  onNeedsRepair: RepairHook | undefined;
  readonly content: ProposedContentProvider;
  private readonly list: ChangeSet[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  private readonly engine: EditEngine;

  constructor(
    private readonly settings: ReviewSettings,
    options: { engine?: EditEngine; onNeedsRepair?: RepairHook } = {},
  ) {
    this.engine = options.engine ?? edits;
    this.onNeedsRepair = options.onNeedsRepair;
    this.content = new ProposedContentProvider((id) => this.find(id));
    this.subscriptions.push(this.content, this.changed);
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
    const roots = workspaceRoots();
    const reads = new Map<string, ReadBase>();
    for (const path of new Set(changes.flatMap(changePaths))) {
      reads.set(path, await readBase(path, roots, this.engine));
      await pause();
    }
    let planned = await planChanges(changes, baseMap(reads), this.engine, pause);
    if (this.onNeedsRepair) planned = await this.repair(planned, reads, roots);
    const located: Located[] = [];
    for (const plan of planned) {
      const uri = uriFor(reads, plan.path, plan.key);
      const fromUri = plan.fromPath !== undefined ? uriFor(reads, plan.fromPath, plan.fromKey ?? '') : undefined;
      located.push({ file: new ReviewFile(plan, this.engine), uri, ...(fromUri ? { fromUri } : {}) });
      await pause();
    }
    const set = new ChangeSet(meta, located, this.engine, this.settings);
    this.list.push(set);
    this.subscriptions.push(
      set.onDidChange(() => {
        if (set.isDisposed) this.forget(set);
        else this.content.refresh(set);
        this.changed.fire();
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
    await vscode.commands.executeCommand('vscode.diff', left, right, `${file.path} (proposed by ${set.meta.source})`);
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
    await vscode.commands.executeCommand('vscode.diff', left, right, `${file.path} (editing the proposal; save to keep)`);
  }

  dispose(): void {
    for (const set of [...this.list]) set.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private forget(set: ChangeSet): void {
    const index = this.list.indexOf(set);
    if (index >= 0) this.list.splice(index, 1);
  }

  /** One repair turn: each failed file's replacement changes are re-planned once against the same base. */
  private async repair(planned: PlannedFile[], reads: Map<string, ReadBase>, roots: string[]): Promise<PlannedFile[]> {
    const result: PlannedFile[] = [];
    for (const plan of planned) {
      if (plan.status !== 'failed' || !plan.failures?.length || !this.onNeedsRepair) {
        result.push(plan);
        continue;
      }
      const replacement = await this.onNeedsRepair(plan.path, plan.baseText, plan.failures);
      if (!replacement?.length) {
        result.push(plan);
        continue;
      }
      for (const path of new Set(replacement.flatMap(changePaths))) {
        if (!reads.has(path)) reads.set(path, await readBase(path, roots, this.engine));
      }
      const repaired = await planChanges(replacement, baseMap(reads), this.engine, pause);
      const same = repaired.find((r) => r.key === plan.key);
      if (!same || repaired.length !== 1) {
        result.push({ ...plan, reason: `${plan.reason} The repair turn proposed changes to other files; it was not used.` });
      } else if (same.status === 'failed') {
        result.push({ ...same, reason: `${same.reason} (after one repair turn)` });
      } else {
        result.push({ ...same, changes: [...replacement] });
      }
    }
    return result;
  }
}

function baseMap(reads: Map<string, ReadBase>): Map<string, FileBase> {
  return new Map([...reads].map(([path, read]) => [path, read.base]));
}

function uriFor(reads: Map<string, ReadBase>, path: string, key: string): vscode.Uri {
  const read = reads.get(path) ?? [...reads.values()].find((r) => r.base.key === key);
  return read?.uri ?? vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/refused/${path}` });
}
