/**
 * The review's vocabulary: what a proposed change became after it was resolved
 * against the user's current files, and what the user decided about it.
 * Pure types (no 'vscode') so the pure helpers and their unit tests can share them.
 */
import type { DiffHunk, MatchFailure, ProposedChange } from '../edits/types';

export type FileStatus = 'modified' | 'created' | 'deleted' | 'renamed' | 'failed';

export type Decision = 'pending' | 'accepted' | 'rejected';

/** A file-level summary of the decisions on its hunks. */
export type FileDecision = Decision | 'partial';

/** What apply did to one file. */
export type FileOutcome =
  | { kind: 'applied'; message: string }
  | { kind: 'stale'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'skipped'; message: string };

export interface ReviewFileSnapshot {
  /** Workspace-relative path as the model wrote it (the target path for a rename). */
  readonly path: string;
  readonly fromPath?: string;
  readonly status: FileStatus;
  /** Why the file cannot be applied (status 'failed'). */
  readonly reason?: string;
  readonly failures?: MatchFailure[];
  readonly added: number;
  readonly removed: number;
  readonly decision: FileDecision;
  readonly hunks: ReadonlyArray<{ hunk: DiffHunk; decision: Decision }>;
  readonly outcome?: FileOutcome;
  /** Set when an Undo took back what apply wrote to this file; it can be applied again. */
  readonly undone?: true;
}

export interface ApplyReport {
  /** True when the workspace edit was applied (or there was nothing accepted to apply). */
  readonly ok: boolean;
  /** Set when nothing was written, with the reason. */
  readonly error?: string;
  readonly files: ReadonlyArray<{ path: string } & FileOutcome>;
}

/** Settings the review reads at apply time, so a change to them applies without recreating the review. */
export interface ReviewSettings {
  useRefactorPreview(): boolean;
  saveAfterApply(): boolean;
}

export interface ProposalMeta {
  title: string;
  source: string;
}

/** One automatic repair turn for a file whose blocks did not place: asks the model again with the current text. */
export type RepairHook = (
  path: string,
  currentText: string,
  failures: MatchFailure[],
) => Promise<ProposedChange[] | undefined>;
