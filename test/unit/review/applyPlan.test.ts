import * as assert from 'assert';
import * as edits from '../../../src/core/edits';
import type { ProposedChange } from '../../../src/core/edits/types';
import { planApply, type Planned } from '../../../src/core/review/applyPlan';
import { planChanges, type FileBase } from '../../../src/core/review/plan';
import { ReviewFile } from '../../../src/core/review/reviewFile';

/** Plans `changes` against `before`, accepts every file, then decides apply against `now` (paths as handles). */
async function applyAgainst(changes: ProposedChange[], before: Record<string, string | null>, now: Record<string, string>): Promise<Array<Planned<string>>> {
  const bases = new Map(
    Object.entries(before).map(([path, text]): [string, FileBase] => [path, { key: path, path, exists: text !== null, text: text ?? '' }]),
  );
  const planned = await planChanges(changes, bases, edits);
  const readNow = async (path: string) => now[path];
  return Promise.all(
    planned.map((plan) => {
      const file = new ReviewFile(plan, edits);
      if (plan.status !== 'failed') file.decide('accepted');
      return planApply({ file, uri: plan.path, ...(plan.fromPath !== undefined ? { fromUri: plan.fromPath } : {}) }, edits, readNow);
    }),
  );
}

const renameAndEdit: ProposedChange[] = [
  { kind: 'rename', from: 'a.ts', to: 'b.ts' },
  { kind: 'edit', path: 'b.ts', edits: [{ search: 'x', replace: 'y' }] },
];

describe('planApply', () => {
  it('writes an accepted modification over unchanged text', async () => {
    const [decided] = await applyAgainst([{ kind: 'edit', path: 'a.ts', edits: [{ search: 'one', replace: 'two' }] }], { 'a.ts': 'one\n' }, { 'a.ts': 'one\n' });
    assert.deepStrictEqual(decided, { op: { kind: 'write', uri: 'a.ts', oldText: 'one\n', newText: 'two\n', rematched: false } });
  });

  it('re-matches the edits on text that changed since the proposal', async () => {
    const [decided] = await applyAgainst([{ kind: 'edit', path: 'a.ts', edits: [{ search: 'one', replace: 'two' }] }], { 'a.ts': 'one\n' }, { 'a.ts': 'zero\none\n' });
    assert.deepStrictEqual(decided, { op: { kind: 'write', uri: 'a.ts', oldText: 'zero\none\n', newText: 'zero\ntwo\n', rematched: true } });
  });

  it('re-matches no more loosely than the review placed the edits: a line the user rewrote is stale, not edited in part', async () => {
    const whole = [{ kind: 'edit', path: 'a.txt', edits: [{ search: 'gamma\n', replace: 'GAMMA\n' }] }] satisfies ProposedChange[];
    const [stale] = await applyAgainst(whole, { 'a.txt': 'beta\ngamma\n' }, { 'a.txt': 'beta\ngamma was rewritten\n' });
    assert.ok(stale && 'outcome' in stale && stale.outcome.kind === 'stale', JSON.stringify(stale));
    const part = [{ kind: 'edit', path: 'a.txt', edits: [{ search: 'timeout=30\n', replace: 'timeout=60\n' }] }] satisfies ProposedChange[];
    const [rematched] = await applyAgainst(part, { 'a.txt': 'call(timeout=30)\n' }, { 'a.txt': 'first()\ncall(timeout=30)\n' });
    assert.deepStrictEqual(rematched, { op: { kind: 'write', uri: 'a.txt', oldText: 'first()\ncall(timeout=30)\n', newText: 'first()\ncall(timeout=60)\n', rematched: true } });
  });

  it('renames without touching the text when the rename comes alone', async () => {
    const [decided] = await applyAgainst([{ kind: 'rename', from: 'a.ts', to: 'b.ts' }], { 'a.ts': 'x\n', 'b.ts': null }, { 'a.ts': 'x\n' });
    assert.deepStrictEqual(decided, { op: { kind: 'rename', from: 'a.ts', to: 'b.ts' } });
  });

  it('renames and edits in one operation', async () => {
    const [decided] = await applyAgainst(renameAndEdit, { 'a.ts': 'x\nz\n', 'b.ts': null }, { 'a.ts': 'x\nz\n' });
    assert.deepStrictEqual(decided, { op: { kind: 'rename', from: 'a.ts', to: 'b.ts', edit: { oldText: 'x\nz\n', newText: 'y\nz\n' } } });
  });

  it("re-places a rename's edits on a source that changed since the proposal", async () => {
    const [decided] = await applyAgainst(renameAndEdit, { 'a.ts': 'x\nz\n', 'b.ts': null }, { 'a.ts': 'w\nx\nz\n' });
    assert.deepStrictEqual(decided, { op: { kind: 'rename', from: 'a.ts', to: 'b.ts', edit: { oldText: 'w\nx\nz\n', newText: 'w\ny\nz\n' } } });
  });

  it("leaves a renamed file alone when its edits no longer match the source, saying so", async () => {
    const [decided] = await applyAgainst(renameAndEdit, { 'a.ts': 'x\nz\n', 'b.ts': null }, { 'a.ts': 'q\nz\n' });
    assert.ok(decided && 'outcome' in decided);
    assert.strictEqual(decided.outcome.kind, 'stale');
    assert.match(decided.outcome.message, /^b\.ts cannot be renamed from a\.ts: that file changed since the proposal and the edits no longer match it/);
  });

  it('never creates over a file that appeared since the proposal', async () => {
    const [decided] = await applyAgainst([{ kind: 'create', path: 'n.ts', content: 'new\n' }], { 'n.ts': null }, { 'n.ts': 'theirs\n' });
    assert.deepStrictEqual(decided, { outcome: { kind: 'stale', message: 'n.ts was created since the proposal; the new file was not written over it.' } });
  });
});
