import * as assert from 'assert';
import * as vscode from 'vscode';
import { ChangeSetReview, ChangesTreeProvider, EDIT_SCHEME, proposedUri, type ReviewNode } from '../../../src/vscode/review';
import { EditableProposals } from '../../../src/vscode/review/editableProposals';
import { closeAllEditors, diskText, documentText, makeReview, makeSettings } from './reviewHelpers';

describe('change-set review: repair, edited proposals, the Changes tree', () => {
  let review: ChangeSetReview;
  let registration: vscode.Disposable;

  beforeEach(() => {
    ({ review, registration } = makeReview(makeSettings()));
  });

  afterEach(async () => {
    review.dispose();
    registration.dispose();
    await closeAllEditors();
  });

  it('marks a file whose block does not match as failed, with the engine\'s reason', async () => {
    const set = await review.propose(
      [{ kind: 'edit', path: 'review/repair.ts', edits: [{ search: 'return "hello " + name;', replace: 'return `hello ${name}`;' }] }],
      { title: 'no repair', source: 'test' },
    );
    const [file] = set.files;
    assert.strictEqual(file?.status, 'failed');
    assert.ok(file?.failures?.length, 'the block failures are kept for a repair prompt');
    assert.match(file?.reason ?? '', /did not apply to review\/repair\.ts/);
  });

  it('runs one repair turn with the current text and the failures, and uses its answer', async () => {
    const calls: Array<{ path: string; text: string; failures: number }> = [];
    review.onNeedsRepair = async (path, text, failures) => {
      calls.push({ path, text, failures: failures.length });
      return [{ kind: 'edit', path, edits: [{ search: 'return "hi " + name;', replace: 'return `hi ${name}`;' }] }];
    };
    const set = await review.propose(
      [{ kind: 'edit', path: 'review/repair.ts', edits: [{ search: 'return "hello " + name;', replace: 'x' }] }],
      { title: 'repair', source: 'test' },
    );
    assert.deepStrictEqual(calls.map((c) => [c.path, c.failures]), [['review/repair.ts', 1]]);
    assert.ok(calls[0]?.text.includes('return "hi " + name;'));
    assert.strictEqual(set.files[0]?.status, 'modified', set.files[0]?.reason);
    set.acceptAll();
    assert.ok((await set.apply()).ok);
    assert.ok((await documentText('review/repair.ts')).includes('return `hi ${name}`;'));
  });

  it('applies the user\'s edited proposal instead of the model\'s', async () => {
    const set = await review.propose(
      [{ kind: 'edit', path: 'review/edited.ts', edits: [{ search: 'edited = 1', replace: 'edited = 2' }] }],
      { title: 'edit proposal', source: 'test' },
    );
    const editable = new EditableProposals((id) => review.find(id));
    const uri = proposedUri(set, 'review/edited.ts', 'proposed', EDIT_SCHEME);
    assert.strictEqual(new TextDecoder().decode(editable.readFile(uri)), 'export const edited = 2;\n');
    editable.writeFile(uri, new TextEncoder().encode('export const edited = 3; // by hand\n'));
    const proposed = await vscode.workspace.openTextDocument(proposedUri(set, 'review/edited.ts'));
    assert.strictEqual(proposed.getText(), 'export const edited = 3; // by hand\n', 'the read-only side follows the edit');
    set.accept('review/edited.ts');
    assert.ok((await set.apply()).ok);
    assert.strictEqual(await documentText('review/edited.ts'), 'export const edited = 3; // by hand\n');
    assert.strictEqual(await diskText('review/edited.ts'), 'export const edited = 1;\n');
    editable.dispose();
  });

  it('shows sets, files with their counts and reasons, and hunks in the tree', async () => {
    const tree = new ChangesTreeProvider(review);
    const set = await review.propose(
      [
        { kind: 'edit', path: 'review/hunks.txt', edits: [{ search: 'line 2\n', replace: 'line two\n' }, { search: 'line 28\n', replace: '' }] },
        { kind: 'delete', path: 'review/missing.txt' },
      ],
      { title: 'tree', source: 'step-3.7-flash' },
    );
    const [setNode] = tree.getChildren();
    assert.strictEqual(setNode?.kind, 'set');
    const files = tree.getChildren(setNode);
    const items = files.map((n) => tree.getTreeItem(n));
    assert.deepStrictEqual(items.map((i) => i.label), ['hunks.txt', 'missing.txt']);
    assert.match(String(items[0]?.description), /^\+1 −2 · pending/);
    assert.match(String(items[1]?.tooltip), /cannot delete review\/missing\.txt: it does not exist/);
    const hunks = tree.getChildren(files[0]) as Array<Extract<ReviewNode, { kind: 'hunk' }>>;
    assert.strictEqual(hunks.length, 2);
    set.rejectHunk('review/hunks.txt', 1);
    assert.match(String(tree.getTreeItem(hunks[1]!).description), /rejected/);
    tree.dispose();
  });
});
