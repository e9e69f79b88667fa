import * as assert from 'assert';
import { baseName, changeSetTitle, proposedTabTitle } from '../../../src/core/review/titles';

describe('review titles', () => {
  it('titles a set by its command and subject, with the file count', () => {
    assert.strictEqual(changeSetTitle('Refactor cart.ts', 3), 'Refactor cart.ts · 3 files');
    assert.strictEqual(changeSetTitle('Apply from chat', 1), 'Apply from chat · 1 file');
  });

  it('names a diff tab by the file, its path only when another file of the set has the same name', () => {
    assert.strictEqual(proposedTabTitle('src/cart.ts', ['src/cart.ts', 'src/tax.ts']), 'cart.ts (proposed)');
    assert.strictEqual(proposedTabTitle('src/cart.ts', ['src/cart.ts', 'test/cart.ts']), 'src/cart.ts (proposed)');
    assert.strictEqual(proposedTabTitle('src/total.ts', ['src/total.ts'], 'src/sum.ts'), 'sum.ts → total.ts (proposed)');
    assert.strictEqual(proposedTabTitle('a.ts', ['a.ts'], undefined, true), 'a.ts (editing the proposal; save to keep)');
  });

  it('takes the last part of a path with either separator', () => {
    assert.strictEqual(baseName('src\\app\\cart.ts'), 'cart.ts');
    assert.strictEqual(baseName('cart.ts'), 'cart.ts');
  });
});
