import * as assert from 'assert';
import * as edits from '../../../src/core/edits';
import type { PlannedFile } from '../../../src/core/review/plan';
import { ReviewFile } from '../../../src/core/review/reviewFile';

const base = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

function modified(proposedText: string): PlannedFile {
  return { key: '/ws/f.txt', path: 'f.txt', status: 'modified', baseExists: true, baseText: base, proposedText, changes: [] };
}

describe('ReviewFile', () => {
  const proposed = base.replace('line 3\n', 'line three\n').replace('line 27\n', 'line twenty-seven\n');

  it('splits a modified file into hunks, each pending', () => {
    const file = new ReviewFile(modified(proposed), edits);
    const snap = file.snapshot();
    assert.strictEqual(snap.hunks.length, 2);
    assert.deepStrictEqual([snap.added, snap.removed], [2, 2]);
    assert.strictEqual(snap.decision, 'pending');
  });

  it('produces the text of only the accepted hunks', () => {
    const file = new ReviewFile(modified(proposed), edits);
    file.decideHunk(1, 'accepted');
    file.decideHunk(0, 'rejected');
    assert.strictEqual(file.decision, 'partial');
    assert.strictEqual(file.acceptedText(), base.replace('line 27\n', 'line twenty-seven\n'));
    file.decide('accepted');
    assert.strictEqual(file.acceptedText(), proposed);
  });

  it('refuses decisions on a failed file and unknown hunks, saying why', () => {
    const failed = new ReviewFile({ ...modified(base), status: 'failed', reason: 'block 1 did not match' }, edits);
    assert.throws(() => failed.decide('accepted'), /f\.txt cannot be accepted or rejected: block 1 did not match/);
    const file = new ReviewFile(modified(proposed), edits);
    assert.throws(() => file.decideHunk(5, 'accepted'), /f\.txt has 2 hunk\(s\); there is no hunk 5/);
  });

  it('recomputes hunks and resets decisions when the user edits the proposal', () => {
    const file = new ReviewFile(modified(proposed), edits);
    file.decide('accepted');
    file.setProposedText(base.replace('line 10\n', 'line ten\n'));
    assert.ok(file.edited);
    assert.strictEqual(file.snapshot().hunks.length, 1);
    assert.strictEqual(file.decision, 'pending');
  });

  it('counts a created file as all additions and has no hunks', () => {
    const file = new ReviewFile({ ...modified('a\nb\n'), status: 'created', baseExists: false, baseText: '' }, edits);
    assert.deepStrictEqual([file.snapshot().added, file.snapshot().removed, file.hunks.length], [2, 0, 0]);
    assert.throws(() => file.decideHunk(0, 'accepted'), /only modified files have hunks/);
  });
});
