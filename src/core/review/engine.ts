/**
 * The slice of the edit engine (src/core/edits) the review calls. Typed here so
 * the review's pure planning can be driven by the real engine or, in a unit
 * test, by a deliberately failing one.
 */
import type { DiffHunk, FileEditResult, SearchReplace } from '../edits/types';

export interface EditEngine {
  applyFileEdits(text: string, edits: SearchReplace[]): FileEditResult;
  applyPatch(text: string, hunks: DiffHunk[]): FileEditResult;
  isProbablyBinary(bytes: Uint8Array): boolean;
  diffStats(oldText: string, newText: string): { added: number; removed: number };
  splitHunks(oldText: string, newText: string): DiffHunk[];
  applySelectedHunks(oldText: string, hunks: DiffHunk[], selected: boolean[]): string;
}
