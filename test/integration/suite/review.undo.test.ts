import * as assert from 'assert';
import * as vscode from 'vscode';
import { ChangeSetReview, ChangesTreeProvider } from '../../../src/vscode/review';
import { closeAllEditors, diskText, documentText, eventually, fileUri, makeReview, makeSettings } from './reviewHelpers';

describe('change-set review: the truth after Undo and Redo', () => {
  let review: ChangeSetReview;
  let registration: vscode.Disposable;

  beforeEach(() => {
    const settings = makeSettings();
    settings.save = true;
    ({ review, registration } = makeReview(settings));
  });

  afterEach(async () => {
    review.dispose();
    registration.dispose();
    await closeAllEditors();
  });

  it('after an undo the set and its files say undone and apply again; after a redo, applied', async () => {
    const tree = new ChangesTreeProvider(review);
    const set = await review.propose(
      [
        { kind: 'edit', path: 'review/undo-a.ts', edits: [{ search: 'price = 10', replace: 'price = 12' }] },
        { kind: 'edit', path: 'review/undo-b.ts', edits: [{ search: 'return "old";', replace: 'return "new";' }] },
        { kind: 'create', path: 'review/undo-new.ts', content: 'export const fresh = true;\n' },
      ],
      { title: 'Refactor undo-a.ts', source: 'refactor' },
    );
    const setItem = () => tree.getTreeItem(tree.getChildren()[0]!);
    const fileStates = () => tree.getChildren(tree.getChildren()[0]).map((n) => String(tree.getTreeItem(n).description).split(' · ')[1]);
    assert.strictEqual(setItem().label, 'Refactor undo-a.ts · 3 files');
    set.acceptAll();
    const report = await set.apply();
    assert.ok(report.ok, report.error);
    assert.strictEqual(set.state, 'applied');
    assert.deepStrictEqual(fileStates(), ['applied', 'applied', 'applied']);
    assert.strictEqual(setItem().description, 'applied');

    await vscode.window.showTextDocument(fileUri('review/undo-a.ts'));
    await vscode.commands.executeCommand('undo');
    await eventually(async () => set.state === 'undone' && set.files.every((f) => f.undone), 'the set says undone');
    assert.strictEqual(await documentText('review/undo-a.ts'), 'export const price = 10;\n');
    assert.strictEqual(await diskText('review/undo-new.ts'), undefined);
    assert.deepStrictEqual(fileStates(), ['undone', 'undone', 'undone']);
    assert.match(String(setItem().description), /^undone/);
    assert.strictEqual(setItem().contextValue, 'stepFlash.changeSet', 'Apply is offered again');

    await vscode.commands.executeCommand('redo');
    await eventually(async () => set.state === 'applied' && set.files.every((f) => f.outcome?.kind === 'applied'), 'the set says applied after the redo');
    assert.strictEqual(await documentText('review/undo-b.ts'), 'export function label(): string {\n  return "new";\n}\n');
    assert.deepStrictEqual(fileStates(), ['applied', 'applied', 'applied']);

    await vscode.commands.executeCommand('undo');
    await eventually(async () => set.state === 'undone', 'undone again');
    const again = await set.apply();
    assert.ok(again.ok, again.error);
    assert.deepStrictEqual(again.files.map((f) => f.kind), ['applied', 'applied', 'applied'], 'the undone set applies again');
    assert.strictEqual(await documentText('review/undo-a.ts'), 'export const price = 12;\n');
    assert.strictEqual(await diskText('review/undo-new.ts'), 'export const fresh = true;\n');
    assert.strictEqual(set.state, 'applied');
    tree.dispose();
  });
});
