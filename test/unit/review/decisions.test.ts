import * as assert from 'assert';
import { countsLabel, hunkCounts, hunkLabel, summarize } from '../../../src/core/review/decisions';

describe('review decisions', () => {
  it('summarises hunk decisions into a file decision', () => {
    assert.strictEqual(summarize(['accepted', 'accepted'], 'pending'), 'accepted');
    assert.strictEqual(summarize(['rejected', 'rejected'], 'pending'), 'rejected');
    assert.strictEqual(summarize(['pending', 'pending'], 'accepted'), 'pending');
    assert.strictEqual(summarize(['accepted', 'rejected'], 'pending'), 'partial');
    assert.strictEqual(summarize(['accepted', 'pending'], 'pending'), 'partial');
    assert.strictEqual(summarize(['rejected', 'pending'], 'pending'), 'pending');
  });

  it('uses the file-level decision when a file has no hunks', () => {
    assert.strictEqual(summarize([], 'accepted'), 'accepted');
    assert.strictEqual(summarize([], 'rejected'), 'rejected');
  });

  it('counts and labels a hunk', () => {
    const hunk = { oldStart: 12, oldLines: 3, newStart: 12, newLines: 4, lines: [' a', '-b', '+c', '+d', ' e'] };
    assert.deepStrictEqual(hunkCounts(hunk), { added: 2, removed: 1 });
    assert.strictEqual(hunkLabel(hunk), 'Lines 12–14');
    assert.strictEqual(hunkLabel({ ...hunk, oldLines: 1 }), 'Line 12');
    assert.strictEqual(countsLabel(5, 0), '+5 −0');
  });
});
