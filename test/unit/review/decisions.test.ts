import * as assert from 'assert';
import * as edits from '../../../src/core/edits';
import { countsLabel, hunkAtLine, hunkCounts, hunkLabel, hunkSpan, summarize } from '../../../src/core/review/decisions';

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
    assert.strictEqual(hunkLabel(hunk), 'Line 13', 'the changed line, not the context around it');
    assert.strictEqual(hunkLabel({ ...hunk, lines: [' a', '-b', '-c', '+d', ' e'] }), 'Lines 13–14');
    assert.strictEqual(hunkLabel({ ...hunk, lines: [' a', '+c', ' e'] }), 'After line 12');
    assert.strictEqual(hunkLabel({ oldStart: 1, oldLines: 1, newStart: 1, newLines: 2, lines: ['+new', ' a'] }), 'At the start');
    assert.strictEqual(countsLabel(5, 0), '+5 −0');
  });

  it('labels neighbouring hunks that share context lines without overlapping', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const next = [...old];
    next[11] = 'line twelve';
    next[17] = 'line eighteen';
    const hunks = edits.splitHunks(`${old.join('\n')}\n`, `${next.join('\n')}\n`);
    assert.strictEqual(hunks.length, 2);
    assert.ok(hunks[0]!.oldStart + hunks[0]!.oldLines > hunks[1]!.oldStart, 'their context overlaps');
    assert.deepStrictEqual(hunks.map(hunkLabel), ['Line 12', 'Line 18']);
    assert.deepStrictEqual(hunks.map((h) => hunkSpan(h).newFirst), [12, 18]);
  });

  it('finds the hunk under a cursor on either side, or the nearest one', () => {
    const old = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const next = [...old];
    next[4] = 'line five';
    next.splice(20, 0, 'inserted a', 'inserted b');
    const hunks = edits.splitHunks(`${old.join('\n')}\n`, `${next.join('\n')}\n`);
    assert.strictEqual(hunks.length, 2);
    assert.strictEqual(hunkAtLine(hunks, 5, 'new'), 0);
    assert.strictEqual(hunkAtLine(hunks, 22, 'new'), 1, 'the second inserted line');
    assert.strictEqual(hunkAtLine(hunks, 19, 'new'), 1, 'a context line next to the insertion');
    assert.strictEqual(hunkAtLine(hunks, 5, 'old'), 0);
    assert.strictEqual(hunkAtLine(hunks, 21, 'old'), 1);
    assert.strictEqual(hunkAtLine(hunks, 1, 'new'), 0);
    assert.strictEqual(hunkAtLine([], 1, 'new'), undefined);
  });
});
