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
   * A whole-file body: a new file, or a full replacement of an existing small one. `newFile`
   * is set when the model said the file is new (a diff from /dev/null): an existing file there
   * is refused, never replaced.
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

/** Which rung of the matching ladder placed a block. */
export type MatchRung = 'exact' | 'whitespace' | 'indentation' | 'fuzzy' | 'elision';

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
