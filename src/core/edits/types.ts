/**
 * The edit engine's vocabulary. A model proposes changes (tool calls or text
 * blocks); the engine turns them into per-file results that the review shows.
 * Pure data: no 'vscode', no file system.
 */

/** One search/replace pair against a file's current text. */
export interface SearchReplace {
  search: string;
  replace: string;
}

export type ProposedChange =
  | { kind: 'edit'; path: string; edits: SearchReplace[] }
  /**
   * A whole-file body: a new file, or a full replacement of an existing one (reviewed as a
   * modification). `newFile` is set when the model said the file is new (a diff from /dev/null,
   * create_file, a fenced file announced as new): an existing file there is never replaced
   * (src/core/review/plan.ts).
   */
  | { kind: 'create'; path: string; content: string; newFile?: true }
  | { kind: 'delete'; path: string }
  | { kind: 'rename'; from: string; to: string }
  /** A unified diff for one existing file (hunks with context); oldPath is the file it was renamed from. */
  | { kind: 'patch'; path: string; hunks: DiffHunk[]; oldPath?: string };

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Lines with their ' ', '-', '+' prefixes. */
  lines: string[];
}

/**
 * Which rung of the matching ladder placed a block: `blank-lines` matched every line but with
 * blank lines missing or added; `fragment` found a one-line search as part of one line.
 */
export type MatchRung = 'exact' | 'whitespace' | 'indentation' | 'blank-lines' | 'fragment' | 'fuzzy' | 'elision';

export type MatchFailure =
  | { reason: 'not-found'; message: string; nearest?: { startLine: number; endLine: number; text: string; similarity: number } }
  | { reason: 'ambiguous'; message: string; candidates: Array<{ startLine: number; endLine: number }> }
  | { reason: 'stale'; message: string }
  | { reason: 'invalid'; message: string };

export type BlockResult =
  | { ok: true; rung: MatchRung; startLine: number; endLine: number }
  | ({ ok: false; index: number } & MatchFailure);

/** Result of applying all of one file's edits to its current text. */
export interface FileEditResult {
  /** The new text when every block placed; undefined when any failed (nothing partial). */
  newText?: string;
  blocks: BlockResult[];
}
