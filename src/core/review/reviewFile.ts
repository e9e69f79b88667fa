/**
 * One file of a change set and the user's decisions on it. Pure (no 'vscode'):
 * the decisions and the text they produce are unit-tested without a host.
 */
import type { DiffHunk } from '../edits/types';
import { summarize } from './decisions';
import type { EditEngine } from './engine';
import type { PlannedFile } from './plan';
import type { Decision, FileDecision, FileOutcome, ReviewFileSnapshot } from './types';

export class ReviewFile {
  private proposed: string;
  private hunkList: DiffHunk[] = [];
  private hunkDecisions: Decision[] = [];
  private wholeDecision: Decision = 'pending';
  private counts = { added: 0, removed: 0 };
  /** True once the user edited the proposed text by hand. */
  edited = false;
  outcome: FileOutcome | undefined;
  /** True after an Undo took back what apply wrote: the file can be applied again. */
  undone = false;

  constructor(
    readonly plan: PlannedFile,
    private readonly engine: EditEngine,
  ) {
    this.proposed = plan.proposedText;
    this.recompute();
  }

  get path(): string {
    return this.plan.path;
  }

  get proposedText(): string {
    return this.proposed;
  }

  get hunks(): readonly DiffHunk[] {
    return this.hunkList;
  }

  get decision(): FileDecision {
    return summarize(this.hunkDecisions, this.wholeDecision);
  }

  /** Per-hunk review applies to files whose text changes in place. */
  get hasHunks(): boolean {
    return this.plan.status === 'modified';
  }

  decide(decision: Decision): void {
    this.assertDecidable();
    this.wholeDecision = decision;
    this.hunkDecisions = this.hunkDecisions.map(() => decision);
  }

  decideHunk(index: number, decision: Decision): void {
    this.assertDecidable();
    if (!this.hasHunks) throw new Error(`${this.path} is ${this.plan.status}; only modified files have hunks to decide one by one.`);
    if (!Number.isInteger(index) || index < 0 || index >= this.hunkList.length) {
      throw new Error(`${this.path} has ${this.hunkList.length} hunk(s); there is no hunk ${index}.`);
    }
    this.hunkDecisions[index] = decision;
    this.wholeDecision = summarize(this.hunkDecisions, 'pending') === 'accepted' ? 'accepted' : 'pending';
  }

  /** Replaces the proposed text (the user edited the proposal); earlier hunk decisions no longer apply. */
  setProposedText(text: string): void {
    if (this.plan.status !== 'modified' && this.plan.status !== 'created') {
      throw new Error(`${this.path} is ${this.plan.status}; only a modified or created file has text to edit.`);
    }
    if (text === this.proposed) return;
    this.proposed = text;
    this.edited = true;
    this.wholeDecision = 'pending';
    this.recompute();
  }

  /** The text the accepted hunks produce from the proposal-time text. */
  acceptedText(): string {
    if (!this.hasHunks || this.hunkDecisions.every((d) => d === 'accepted')) return this.proposed;
    return this.engine.applySelectedHunks(this.plan.baseText, this.hunkList, this.selected());
  }

  selected(): boolean[] {
    return this.hunkDecisions.map((d) => d === 'accepted');
  }

  allAccepted(): boolean {
    return this.decision === 'accepted';
  }

  snapshot(): ReviewFileSnapshot {
    return {
      path: this.plan.path,
      ...(this.plan.fromPath !== undefined ? { fromPath: this.plan.fromPath } : {}),
      status: this.plan.status,
      ...(this.plan.reason !== undefined ? { reason: this.plan.reason } : {}),
      ...(this.plan.failures ? { failures: this.plan.failures } : {}),
      added: this.counts.added,
      removed: this.counts.removed,
      decision: this.decision,
      hunks: this.hunkList.map((hunk, i) => ({ hunk, decision: this.hunkDecisions[i] ?? 'pending' })),
      ...(this.outcome ? { outcome: this.outcome } : {}),
      ...(this.undone ? { undone: true } : {}),
    };
  }

  private assertDecidable(): void {
    if (this.plan.status === 'failed') throw new Error(`${this.path} cannot be accepted or rejected: ${this.plan.reason ?? 'it failed'}`);
    if (this.outcome) throw new Error(`${this.path} was already ${this.outcome.kind}: ${this.outcome.message}`);
  }

  private recompute(): void {
    const { status, baseText } = this.plan;
    if (status === 'failed') {
      this.counts = { added: 0, removed: 0 };
      return;
    }
    const after = status === 'deleted' ? '' : this.proposed;
    this.counts = this.engine.diffStats(status === 'created' ? '' : baseText, after);
    if (this.hasHunks) {
      this.hunkList = this.engine.splitHunks(baseText, this.proposed);
      this.hunkDecisions = this.hunkList.map(() => 'pending');
    }
  }
}
