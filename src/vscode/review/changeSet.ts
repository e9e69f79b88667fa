/**
 * One proposal under review: its files, the user's decisions, and apply.
 * Callers and tests drive it by path; the tree and commands are views on it.
 */
import * as vscode from 'vscode';
import { planApply, recheckPlan, type Located, type Planned } from '../../core/review/applyPlan';
import type { EditEngine } from '../../core/review/engine';
import { mapLimited } from '../../core/review/mapLimited';
import type { PathGate } from '../../core/review/pathGate';
import type { ReviewFile } from '../../core/review/reviewFile';
import type { ApplyReport, FileOutcome, ProposalMeta, ReviewFileSnapshot, ReviewSettings } from '../../core/review/types';
import { AppliedEdit } from './appliedEdit';
import { readNow } from './readBase';
import { buildWorkspaceEdit, landed, saveTouched, type FileOperation } from './workspaceEdit';

/** Files decided at once at apply: each reads its current text, so this hides the reads' latency. */
const DECISIONS_IN_FLIGHT = 16;

export type LocatedFile = Located<vscode.Uri>;

/** The set as a whole: under review, applied (some file holds what apply wrote), or undone by an Undo and ready to apply again. */
export type SetState = 'review' | 'applied' | 'undone';

let nextId = 1;

export class ChangeSet implements vscode.Disposable {
  /** Unique per set; the authority of its proposed-document URIs. */
  readonly id = `set${nextId++}`;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly applied = new vscode.EventEmitter<ApplyReport>();
  /** Fires after each apply with its report, whether or not it wrote anything. */
  readonly onDidApply = this.applied.event;
  private lastEdit: AppliedEdit | undefined;
  private applying = false;
  private disposed = false;

  constructor(
    readonly meta: ProposalMeta,
    private readonly located: LocatedFile[],
    private readonly engine: EditEngine,
    private readonly settings: ReviewSettings,
    /** The path gate over the workspace folders as they are at the time of the call. */
    private readonly openGate: () => PathGate,
  ) {}

  get files(): ReviewFileSnapshot[] {
    return this.located.map((l) => l.file.snapshot());
  }

  get state(): SetState {
    const files = this.located.map((l) => l.file);
    if (files.some((f) => f.outcome?.kind === 'applied')) return 'applied';
    return files.some((f) => f.undone) ? 'undone' : 'review';
  }

  /** Whether the last apply wrote `uri`, so an Undo or Redo there concerns this set. */
  wrote(uri: vscode.Uri): boolean {
    return this.lastEdit?.touches(uri.toString()) ?? false;
  }

  /** Compares the files with what the last apply wrote (after an Undo or Redo) and says so when a file's state changed. */
  async recheckApplied(): Promise<void> {
    if (this.lastEdit && (await this.lastEdit.check()) && !this.disposed) this.changed.fire();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** True when every file has an outcome or a final decision. */
  get isSettled(): boolean {
    return this.located.every(({ file }) => file.outcome !== undefined || file.plan.status === 'failed' || file.decision === 'rejected');
  }

  entry(path: string): LocatedFile {
    const found =
      this.located.find((l) => l.file.path === path) ??
      this.located.find((l) => l.file.plan.key === path || l.uri.toString() === path || l.file.plan.fromPath === path);
    if (!found) throw new Error(`"${path}" is not part of the change set "${this.meta.title}".`);
    return found;
  }

  accept(path: string): void {
    this.update(() => this.entry(path).file.decide('accepted'));
  }

  reject(path: string): void {
    this.update(() => this.entry(path).file.decide('rejected'));
  }

  acceptHunk(path: string, index: number): void {
    this.update(() => this.entry(path).file.decideHunk(index, 'accepted'));
  }

  rejectHunk(path: string, index: number): void {
    this.update(() => this.entry(path).file.decideHunk(index, 'rejected'));
  }

  acceptAll(): void {
    this.update(() => this.decidable().forEach((f) => f.decide('accepted')));
  }

  rejectAll(): void {
    this.update(() => this.decidable().forEach((f) => f.decide('rejected')));
  }

  /** The user edited the proposed side: the new text becomes the proposal for that file. */
  setProposedText(path: string, text: string): void {
    this.update(() => this.entry(path).file.setProposedText(text));
  }

  /** Writes every accepted change as one WorkspaceEdit; files changed since the proposal are re-matched or left alone. */
  async apply(): Promise<ApplyReport> {
    if (this.disposed) throw new Error(`the change set "${this.meta.title}" was closed.`);
    if (this.applying) throw new Error(`the change set "${this.meta.title}" is already being applied.`);
    this.applying = true;
    try {
      const report = await this.applyNow();
      this.applied.fire(report);
      return report;
    } finally {
      this.applying = false;
      this.changed.fire();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.changed.fire();
    this.changed.dispose();
    this.applied.dispose();
  }

  private async applyNow(): Promise<ApplyReport> {
    const outcomes = new Map<ReviewFile, FileOutcome>();
    const pending: LocatedFile[] = [];
    for (const entry of this.located) {
      const { file } = entry;
      if (file.outcome) continue;
      if (file.plan.status !== 'failed' && (file.decision === 'pending' || file.decision === 'rejected')) {
        outcomes.set(file, { kind: 'skipped', message: `${file.path} was ${file.decision === 'pending' ? 'not accepted' : 'rejected'}; left as it is.` });
        continue;
      }
      pending.push(entry);
    }
    const gate = this.openGate();
    const decided = await mapLimited(pending, DECISIONS_IN_FLIGHT, (entry) => this.decide(entry, gate));
    let ops: Array<{ file: ReviewFile; op: FileOperation }> = [];
    pending.forEach(({ file }, i) => {
      const planned = decided[i] as Planned<vscode.Uri>;
      if ('op' in planned) ops.push({ file, op: planned.op });
      else outcomes.set(file, planned.outcome);
    });
    if (ops.length > 0) {
      // The gate's last look, as close to the edit as the API allows: nothing may have moved while the files were read.
      const lastLook = this.openGate();
      const moved = await Promise.all(ops.map(({ file }) => recheckPlan(file.plan, lastLook)));
      ops = ops.filter(({ file }, i) => {
        const refusal = moved[i];
        if (refusal) outcomes.set(file, refusal);
        return !refusal;
      });
    }
    if (ops.length > 0) {
      const preview = this.settings.useRefactorPreview();
      const edit = buildWorkspaceEdit(ops.map((o) => o.op), this.meta.title, preview);
      let applied = false;
      let why = 'VS Code refused the edit';
      try {
        applied = await vscode.workspace.applyEdit(edit, { isRefactoring: preview });
      } catch (error) {
        why = error instanceof Error ? error.message : String(error);
      }
      if (!applied) {
        const error = `Nothing was written: ${why} (a file may have changed while applying, or the preview was discarded).`;
        return { ok: false, error, files: this.report(outcomes, ops, error) };
      }
      // Without the preview applyEdit is all or nothing; through it the user may have left entries out.
      const kept = preview ? await Promise.all(ops.map(({ op }) => landed(op))) : ops.map(() => true);
      const saving = this.settings.saveAfterApply() ? ops.filter((_, i) => kept[i]) : [];
      // Saving writes the disk through the path again, so the gate looks once more right before each save.
      const saveProblems = await saveTouched(saving.map(({ file, op }) => ({ op, guard: async () => (await recheckPlan(file.plan, this.openGate()))?.message })));
      ops.forEach(({ file, op }, i) => {
        const note = saveProblems.get(op);
        if (!kept[i]) {
          file.outcome = { kind: 'skipped', message: `${file.path} was left out of the applied edit (refactor preview).` };
        } else if (op.kind === 'write' && op.rematched) {
          file.outcome = { kind: 'applied', message: `${file.path} changed since the proposal; the accepted changes were re-matched and applied${note ? `, ${note}` : ''}.` };
        } else {
          file.outcome = { kind: 'applied', message: `${file.path}: ${describe(op)}${note ? `, ${note}` : ''}.` };
        }
        file.undone = false;
      });
      this.lastEdit = new AppliedEdit(ops.filter((_, i) => kept[i]), this.lastEdit);
    }
    for (const [file, outcome] of outcomes) if (outcome.kind !== 'skipped') file.outcome = outcome;
    return { ok: true, files: this.report(outcomes, ops) };
  }

  /** One file's apply decision; the gate looks first, so a location that changed since the review is not even read through. */
  private async decide(entry: LocatedFile, gate: PathGate): Promise<Planned<vscode.Uri>> {
    if (entry.file.plan.status !== 'failed') {
      const moved = await recheckPlan(entry.file.plan, gate);
      if (moved) return { outcome: moved };
    }
    try {
      return await planApply(entry, this.engine, readNow);
    } catch (error) {
      return { outcome: { kind: 'failed', message: `${entry.file.path} could not be read: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }

  private report(outcomes: Map<ReviewFile, FileOutcome>, ops: Array<{ file: ReviewFile }>, error?: string): ApplyReport['files'] {
    return this.located.flatMap(({ file }) => {
      const outcome =
        outcomes.get(file) ??
        (error && ops.some((o) => o.file === file) ? { kind: 'failed' as const, message: `${file.path}: ${error}` } : file.outcome);
      return outcome ? [{ path: file.path, ...outcome }] : [];
    });
  }

  private decidable(): ReviewFile[] {
    return this.located.map((l) => l.file).filter((f) => f.plan.status !== 'failed' && !f.outcome);
  }

  private update(action: () => void): void {
    if (this.disposed) throw new Error(`the change set "${this.meta.title}" was closed.`);
    action();
    this.changed.fire();
  }
}

function describe(op: FileOperation): string {
  switch (op.kind) {
    case 'write':
      return 'changes applied';
    case 'create':
      return 'created';
    case 'delete':
      return 'deleted';
    case 'rename':
      return op.edit ? 'renamed and changed' : 'renamed';
  }
}
