/** Applies one search/replace block and returns the new text (undefined when refused) with the block's result. */
import { applyFileEdits, type BlockResult } from '../../../src/core/edits';

export function applyOne(text: string, search: string, replace: string): { text?: string; block: BlockResult } {
  const r = applyFileEdits(text, [{ search, replace }]);
  return { text: r.newText, block: r.blocks[0] };
}
