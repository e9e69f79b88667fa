/**
 * The slice of the edit engine (src/core/edits) the review calls. Typed here so
 * the review's pure planning can be driven by the real engine or, in a unit
 * test, by a deliberately failing one.
 */
import type { PlaceLimit } from '../edits/apply';
import type { DiffHunk, FileEditResult, SearchReplace } from '../edits/types';

export interface EditEngine {
  applyFileEdits(text: string, edits: SearchReplace[], limit?: PlaceLimit): FileEditResult;
  applyPatch(text: string, hunks: DiffHunk[], limit?: PlaceLimit): FileEditResult;
  isProbablyBinary(bytes: Uint8Array): boolean;
  diffStats(oldText: string, newText: string): { added: number; removed: number };
  splitHunks(oldText: string, newText: string): DiffHunk[];
  applySelectedHunks(oldText: string, hunks: DiffHunk[], selected: boolean[]): string;
}
