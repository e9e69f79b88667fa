import * as assert from 'assert';
import { applySelectedHunks, diffStats, splitHunks } from '../../../src/core/edits';

const OLD = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const NEW = OLD.replace('line 2\n', 'line two\n').replace('line 15\n', 'line 15\ninserted\n').replace('line 28\n', '');

describe('review hunks', () => {
  it('counts added and removed lines', () => {
    assert.deepStrictEqual(diffStats(OLD, NEW), { added: 2, removed: 2 });
    assert.deepStrictEqual(diffStats(OLD, OLD), { added: 0, removed: 0 });
  });

  it('splits separate changes into separate hunks with context', () => {
    const hunks = splitHunks(OLD, NEW);
    assert.strictEqual(hunks.length, 3);
    assert.deepStrictEqual(hunks[0].lines, [' line 1', '-line 2', '+line two', ' line 3', ' line 4', ' line 5']);
    assert.strictEqual(hunks[0].oldStart, 1);
    assert.deepStrictEqual(hunks[2].lines.filter((l) => !l.startsWith(' ')), ['-line 28']);
  });

  it('rebuilds the text from any subset of hunks', () => {
    const hunks = splitHunks(OLD, NEW);
    assert.strictEqual(applySelectedHunks(OLD, hunks, [true, true, true]), NEW);
    assert.strictEqual(applySelectedHunks(OLD, hunks, [false, false, false]), OLD);
    assert.strictEqual(applySelectedHunks(OLD, hunks, [false, true, false]), OLD.replace('line 15\n', 'line 15\ninserted\n'));
    assert.strictEqual(applySelectedHunks(OLD, hunks, [true, false, true]), OLD.replace('line 2\n', 'line two\n').replace('line 28\n', ''));
  });

  it('keeps CRLF and a missing final newline when rebuilding', () => {
    const old = 'a\r\nb\r\nc';
    const next = 'a\r\nB\r\nc\r\nd';
    const hunks = splitHunks(old, next);
    assert.ok(hunks.some((h) => h.lines.includes('\\ No newline at end of file')));
    assert.strictEqual(applySelectedHunks(old, hunks, hunks.map(() => true)), next);
  });

  it('handles creating a file from nothing and adjacent changes', () => {
    const hunks = splitHunks('', 'x\ny\n');
    assert.strictEqual(applySelectedHunks('', hunks, [true]), 'x\ny\n');
    const adj = splitHunks('a\nb\nc\n', 'A\nb\nC\n');
    assert.strictEqual(adj.length, 2);
    assert.strictEqual(applySelectedHunks('a\nb\nc\n', adj, [false, true]), 'a\nb\nC\n');
  });

  it('rejects a selection list of the wrong length', () => {
    assert.throws(() => applySelectedHunks(OLD, splitHunks(OLD, NEW), [true]), /3 hunks but 1 selections/);
  });
});
