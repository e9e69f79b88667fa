import * as assert from 'assert';
import * as vscode from 'vscode';
import * as edits from '../../../src/core/edits';
import type { Proposal } from '../../../src/core/edits';
import { EditFlow } from '../../../src/vscode/edits/editFlow';
import type { ProviderService } from '../../../src/vscode/provider/providerService';
import { ChangeSetReview, ChangesTreeProvider, proposedUri } from '../../../src/vscode/review';
import {
  closeAllEditors,
  diskText,
  documentText,
  eventually,
  fileUri,
  makeReview,
  makeSettings,
  writeDisk,
  type TestSettings,
} from './reviewHelpers';

describe('change-set review (in the extension host)', () => {
  let settings: TestSettings;
  let review: ChangeSetReview;
  let registration: vscode.Disposable;

  beforeEach(() => {
    settings = makeSettings();
    ({ review, registration } = makeReview(settings));
  });

  afterEach(async () => {
    review.dispose();
    registration.dispose();
    await closeAllEditors();
  });

  it('applies the accepted files of a modify/create/delete proposal as one edit that one undo restores', async () => {
    settings.save = true;
    const set = await review.propose(
      [
        { kind: 'edit', path: 'review/modify.ts', edits: [{ search: '  return 1;', replace: '  return 42;' }] },
        { kind: 'create', path: 'review/created.ts', content: 'export const created = true;\n' },
        { kind: 'delete', path: 'review/remove.ts' },
        { kind: 'edit', path: 'review/keep.ts', edits: [{ search: 'keep = 1', replace: 'keep = 2' }] },
      ],
      { title: 'three files', source: 'test' },
    );
    assert.deepStrictEqual(
      set.files.map((f) => [f.path, f.status, f.added, f.removed]),
      [
        ['review/modify.ts', 'modified', 1, 1],
        ['review/created.ts', 'created', 1, 0],
        ['review/remove.ts', 'deleted', 0, 1],
        ['review/keep.ts', 'modified', 1, 1],
      ],
    );
    set.accept('review/modify.ts');
    set.accept('review/created.ts');
    set.accept('review/remove.ts');
    set.reject('review/keep.ts');
    const report = await set.apply();
    assert.ok(report.ok, report.error);
    assert.deepStrictEqual(
      report.files.map((f) => [f.path, f.kind]),
      [
        ['review/modify.ts', 'applied'],
        ['review/created.ts', 'applied'],
        ['review/remove.ts', 'applied'],
        ['review/keep.ts', 'skipped'],
      ],
    );
    assert.strictEqual(await diskText('review/modify.ts'), 'export function answer(): number {\n  return 42;\n}\n', JSON.stringify(report));
    assert.strictEqual(await diskText('review/created.ts'), 'export const created = true;\n');
    assert.strictEqual(await diskText('review/remove.ts'), undefined);
    assert.strictEqual(await diskText('review/keep.ts'), 'export const keep = 1;\n');

    await vscode.window.showTextDocument(fileUri('review/modify.ts'));
    await vscode.commands.executeCommand('undo');
    await eventually(async () => (await documentText('review/modify.ts')).includes('return 1;'), 'modify.ts is restored');
    await eventually(async () => (await diskText('review/created.ts')) === undefined, 'created.ts is gone again');
    await eventually(async () => (await diskText('review/remove.ts')) === 'export const obsolete = true;\n', 'remove.ts is back');
  });

  it('applies only the accepted hunk of a file', async () => {
    const set = await review.propose(
      [{ kind: 'edit', path: 'review/hunks.txt', edits: [{ search: 'line 3\n', replace: 'line three\n' }, { search: 'line 25\n', replace: 'line twenty-five\n' }] }],
      { title: 'hunks', source: 'test' },
    );
    const [file] = set.files;
    assert.strictEqual(file?.hunks.length, 2, 'two distant edits are two hunks');
    set.acceptHunk('review/hunks.txt', 0);
    set.rejectHunk('review/hunks.txt', 1);
    assert.strictEqual(set.files[0]?.decision, 'partial');
    const report = await set.apply();
    assert.deepStrictEqual(report.files.map((f) => f.kind), ['applied']);
    const text = await documentText('review/hunks.txt');
    assert.ok(text.includes('line three\n'), text);
    assert.ok(text.includes('line 25\n') && !text.includes('twenty-five'), text);
  });

  it('leaves a file that changed under the proposal alone when the edit no longer matches', async () => {
    const set = await review.propose(
      [{ kind: 'edit', path: 'review/stale.txt', edits: [{ search: 'gamma\n', replace: 'GAMMA\n' }] }],
      { title: 'stale', source: 'test' },
    );
    const newer = 'alpha\nbeta\ngamma was rewritten by the user\ndelta\n';
    await writeDisk('review/stale.txt', newer);
    await eventually(async () => (await documentText('review/stale.txt')) === newer, 'the document sees the disk change');
    set.acceptAll();
    const report = await set.apply();
    assert.strictEqual(report.files[0]?.kind, 'stale');
    assert.match(report.files[0]?.message ?? '', /review\/stale\.txt changed since the proposal/);
    assert.strictEqual(await diskText('review/stale.txt'), newer);
  });

  it('re-matches an edit against newer text when it still fits, keeping the user\'s change', async () => {
    const set = await review.propose(
      [{ kind: 'edit', path: 'review/rematch.txt', edits: [{ search: 'gamma\n', replace: 'GAMMA\n' }] }],
      { title: 'rematch', source: 'test' },
    );
    const doc = await vscode.workspace.openTextDocument(fileUri('review/rematch.txt'));
    const userEdit = new vscode.WorkspaceEdit();
    userEdit.insert(doc.uri, new vscode.Position(9, 0), 'user line\n');
    assert.ok(await vscode.workspace.applyEdit(userEdit));
    set.accept('review/rematch.txt');
    const report = await set.apply();
    assert.strictEqual(report.files[0]?.kind, 'applied', report.files[0]?.message);
    assert.match(report.files[0]?.message ?? '', /re-matched/);
    assert.ok(doc.getText().includes('GAMMA\n') && doc.getText().includes('user line\n'), doc.getText());
  });

  it('takes an open editor\'s unsaved text as the base, not the disk', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('review/unsaved.txt'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'draft line\n'));
    assert.ok(doc.isDirty);
    const set = await review.propose(
      [{ kind: 'edit', path: 'review/unsaved.txt', edits: [{ search: 'draft line', replace: 'final line' }] }],
      { title: 'unsaved', source: 'test' },
    );
    assert.strictEqual(set.files[0]?.status, 'modified', set.files[0]?.reason);
    set.accept('review/unsaved.txt');
    assert.ok((await set.apply()).ok);
    assert.strictEqual(doc.getText(), 'saved line\nfinal line\n');
    assert.strictEqual(await diskText('review/unsaved.txt'), 'saved line\n', 'without saveAfterApply the disk is untouched');
  });

  it('refuses paths outside the workspace, inside .git, binary and huge files, naming each path', async () => {
    await writeDisk('review/huge.txt', new Uint8Array(5 * 1024 * 1024).fill(0x61));
    const set = await review.propose(
      [
        { kind: 'create', path: '../outside.txt', content: 'escape\n' },
        { kind: 'edit', path: '/etc/passwd', edits: [{ search: 'root', replace: 'toor' }] },
        { kind: 'edit', path: '.git/config', edits: [{ search: 'a', replace: 'b' }] },
        { kind: 'edit', path: 'review/binary.bin', edits: [{ search: 'PNG', replace: 'GIF' }] },
        { kind: 'edit', path: 'review/huge.txt', edits: [{ search: 'a', replace: 'b' }] },
      ],
      { title: 'unsafe', source: 'test' },
    );
    const byPath = new Map(set.files.map((f) => [f.path, f]));
    for (const path of ['../outside.txt', '/etc/passwd', '.git/config', 'review/binary.bin', 'review/huge.txt']) {
      const file = byPath.get(path);
      assert.strictEqual(file?.status, 'failed', `${path} should be refused`);
      assert.ok(file?.reason?.includes(path), `the message names ${path}: ${file?.reason}`);
    }
    assert.match(byPath.get('review/binary.bin')?.reason ?? '', /binary/);
    assert.match(byPath.get('review/huge.txt')?.reason ?? '', /MB/);
    assert.throws(() => set.accept('/etc/passwd'), /cannot be accepted/);
    const report = await set.apply();
    assert.ok(report.files.every((f) => f.kind === 'failed'));
    assert.strictEqual(await diskText('../outside.txt'), undefined);
  });

  it('renames a file and edits it under its new name as one edit that one undo restores', async () => {
    const diff = [
      '```diff',
      'diff --git a/review/move-me.ts b/review/moved.ts',
      'similarity index 70%',
      'rename from review/move-me.ts',
      'rename to review/moved.ts',
      '--- a/review/move-me.ts',
      '+++ b/review/moved.ts',
      '@@ -1,3 +1,3 @@',
      '-export function area(w: number, h: number) {',
      '+export function area(w: number, h: number): number {',
      '   return w * h;',
      ' }',
      '```',
    ].join('\n');
    const set = await review.propose(edits.parseAnswer(diff).changes, { title: 'rename and edit', source: 'test' });
    assert.deepStrictEqual(set.files.map((f) => [f.path, f.fromPath, f.status, f.added, f.removed]), [['review/moved.ts', 'review/move-me.ts', 'renamed', 1, 1]]);
    set.acceptAll();
    const report = await set.apply();
    assert.ok(report.ok, report.error);
    assert.deepStrictEqual(report.files.map((f) => [f.kind, f.message]), [['applied', 'review/moved.ts: renamed and changed.']]);
    assert.strictEqual(await diskText('review/move-me.ts'), undefined);
    assert.strictEqual(await documentText('review/moved.ts'), 'export function area(w: number, h: number): number {\n  return w * h;\n}\n');

    await vscode.window.showTextDocument(fileUri('review/moved.ts'));
    await vscode.commands.executeCommand('undo');
    await eventually(async () => (await diskText('review/moved.ts')) === undefined, 'the renamed file is gone again');
    await eventually(async () => (await diskText('review/move-me.ts')) === 'export function area(w: number, h: number) {\n  return w * h;\n}\n', 'the original is back unchanged');
  });

  it('refuses a create aimed at an existing file (a /dev/null diff, create_file, a file announced as new), naming it, and leaves the file as it is', async () => {
    const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };
    // The provider is only asked for a repair turn, which a refused create never gets.
    const flow = new EditFlow(review, {} as ProviderService, quiet);
    const tree = new ChangesTreeProvider(review);
    const replaced = 'export const existing = "replaced";';
    const proposals: Array<[string, Proposal]> = [
      ['a /dev/null diff', { text: ['```diff', '--- /dev/null', '+++ b/review/existing.ts', '@@ -0,0 +1 @@', `+${replaced}`, '```'].join('\n') }],
      ['create_file', { toolCalls: [{ name: 'create_file', arguments: { path: 'review/existing.ts', content: `${replaced}\n` } }] }],
      ['a file announced as new', { text: ['Create a new file `review/existing.ts`:', '', '```ts', replaced, '```'].join('\n') }],
    ];
    for (const [how, proposal] of proposals) {
      const outcome = await flow.propose(proposal, { title: how, source: 'test' });
      assert.ok(outcome.kind === 'proposed', `${how}: ${JSON.stringify(outcome)}`);
      const [file] = outcome.set.files;
      assert.deepStrictEqual([file?.path, file?.status], ['review/existing.ts', 'failed'], how);
      assert.match(file?.reason ?? '', /^the proposal creates review\/existing\.ts as a new file, but it already exists; it was not replaced/, how);
      const setNode = tree.getChildren().find((n) => n.kind === 'set' && tree.getTreeItem(n).label === `${how} · 1 file`);
      assert.ok(setNode, `${how}: the set is in the Changes tree`);
      const [fileNode] = tree.getChildren(setNode);
      assert.match(String(tree.getTreeItem(fileNode!).tooltip), /already exists; it was not replaced/, `${how}: the tree shows why`);
      assert.throws(() => outcome.set.accept('review/existing.ts'), /cannot be accepted/);
      const report = await outcome.set.apply();
      assert.deepStrictEqual(report.files.map((f) => f.kind), ['failed'], how);
      assert.strictEqual(await diskText('review/existing.ts'), 'export const existing = "keep me";\n', `${how}: the file is unchanged on disk`);
    }
    tree.dispose();
  });

  it('shows a whole-file replacement of an existing file as a modification, hunk by hunk', async () => {
    const answer = ['review/keep.ts', '```ts', 'export const keep = 2;', '```'].join('\n');
    const set = await review.propose(edits.parseAnswer(answer).changes, { title: 'whole file', source: 'test' });
    assert.deepStrictEqual(
      set.files.map((f) => [f.path, f.status, f.added, f.removed, f.hunks.length]),
      [['review/keep.ts', 'modified', 1, 1, 1]],
    );
  });

  it('opens a diff whose proposed side is a read-only virtual document', async () => {
    const set = await review.propose(
      [{ kind: 'edit', path: 'review/diff.ts', edits: [{ search: 'shown = 1', replace: 'shown = 2' }] }],
      { title: 'diff', source: 'test' },
    );
    await review.openDiff(set, 'review/diff.ts');
    const right = proposedUri(set, 'review/diff.ts');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const diff = tabs.find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === right.toString());
    assert.ok(diff, `a diff tab shows ${right.toString()}`);
    assert.strictEqual((diff.input as vscode.TabInputTextDiff).original.toString(), fileUri('review/diff.ts').toString());
    const proposed = await vscode.workspace.openTextDocument(right);
    assert.strictEqual(proposed.getText(), 'export const shown = 2;\n');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), right.toString(), 'the proposed side has focus');
    await vscode.commands.executeCommand('type', { text: 'typed ' });
    assert.strictEqual(proposed.getText(), 'export const shown = 2;\n', 'typing into the proposed side changes nothing');
  });
});
