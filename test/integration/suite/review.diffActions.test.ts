/**
 * Accept and Reject where the diff is: the proposal diff's title bar, CodeLens over each
 * change, the change under the cursor, and (where the code-server launcher gives the page)
 * real key presses and a click on the title bar.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeReviews } from './hostSim';
import type { ExtensionApi } from '../../../src/extension';
import { proposedUri, type ChangeSet } from '../../../src/vscode/review';
import { activateExtension } from './helpers';
import { eventually, documentText } from './reviewHelpers';
import { workbench } from './workbench';

const edits = (path: string) => [
  { kind: 'edit' as const, path, edits: [{ search: 'line 3\n', replace: 'line three\n' }, { search: 'line 25\n', replace: 'line twenty-five\n' }] },
];
const hunkDecisions = (set: ChangeSet) => set.files[0]!.hunks.map((h) => h.decision);

describe('change-set review: decisions in the diff editor', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
  });

  afterEach(async () => {
    await closeReviews(api);
  });

  it('title-bar commands, CodeLens and the change at the cursor decide the diff in front of the user, and Apply applies its set', async () => {
    const path = 'review/diff-actions.txt';
    const set = await api.review.propose(edits(path), { title: 'Diff actions', source: 'test' });
    await api.review.openDiff(set, path);
    const right = proposedUri(set, path);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), right.toString());

    // The title bar passes the proposed document; the keys pass nothing and mean the active diff.
    await vscode.commands.executeCommand('stepFlash.review.rejectFile', right);
    assert.strictEqual(set.files[0]?.decision, 'rejected');
    await vscode.commands.executeCommand('stepFlash.review.acceptFile');
    assert.strictEqual(set.files[0]?.decision, 'accepted');

    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', right)) ?? [];
    assert.deepStrictEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [2, '$(check) Accepted: Line 3 (+1 −1)'],
        [2, 'Reject'],
        [24, '$(check) Accepted: Line 25 (+1 −1)'],
        [24, 'Reject'],
      ],
    );
    const rejectSecond = lenses[3]!.command!;
    await vscode.commands.executeCommand(rejectSecond.command, ...(rejectSecond.arguments ?? []));
    assert.deepStrictEqual(hunkDecisions(set), ['accepted', 'rejected']);

    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(24, 3, 24, 3);
    await vscode.commands.executeCommand('stepFlash.review.acceptHunk');
    assert.deepStrictEqual(hunkDecisions(set), ['accepted', 'accepted'], 'the change under the cursor');
    editor.selection = new vscode.Selection(3, 0, 3, 0);
    await vscode.commands.executeCommand('stepFlash.review.rejectHunk');
    assert.deepStrictEqual(hunkDecisions(set), ['rejected', 'accepted'], 'a context line picks the change beside it');

    // Another set is newer, but Apply from the diff's title bar applies the set the diff shows.
    const newer = await api.review.propose([{ kind: 'create', path: 'review/not-this.ts', content: 'x\n' }], { title: 'Newer', source: 'test' });
    await vscode.commands.executeCommand('stepFlash.review.apply', right);
    assert.strictEqual(set.files[0]?.outcome?.kind, 'applied');
    assert.strictEqual(newer.files[0]?.outcome, undefined);
    const text = await documentText(path);
    assert.ok(text.includes('line 3\n') && text.includes('line twenty-five\n'), text);
    await eventually(async () => !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.authority === set.id)), 'the applied diff closes');
  });

  const ui = workbench();
  if (ui) {
    it('with real keys: Alt+Y / Alt+N decide the change at the cursor, Alt+Shift+N the file, and the title bar has Accept File', async () => {
      const path = 'review/diff-keys.txt';
      const set = await api.review.propose(edits(path), { title: 'Diff keys', source: 'test' });
      await api.review.openDiff(set, path);
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      vscode.window.activeTextEditor!.selection = new vscode.Selection(2, 0, 2, 0);
      await ui.press('Alt+y');
      await eventually(async () => hunkDecisions(set)[0] === 'accepted', 'Alt+Y accepts the first change');
      vscode.window.activeTextEditor!.selection = new vscode.Selection(24, 0, 24, 0);
      await ui.press('Alt+n');
      await eventually(async () => hunkDecisions(set)[1] === 'rejected', 'Alt+N rejects the second change');
      await ui.press('Alt+Shift+N');
      await eventually(async () => set.files[0]?.decision === 'rejected', 'Alt+Shift+N rejects the file');
      await ui.click('.editor-actions .action-label[aria-label^="Accept File"]');
      await eventually(async () => set.files[0]?.decision === 'accepted', 'the title bar\'s Accept File accepts it');
    });
  }
});
