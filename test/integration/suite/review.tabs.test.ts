import * as assert from 'assert';
import * as vscode from 'vscode';
import { ChangeSetReview, proposedUri, type ChangeSet } from '../../../src/vscode/review';
import { watchReview } from '../../../src/vscode/reviewActivity';
import { closeAllEditors, eventually, makeReview, makeSettings } from './reviewHelpers';

/** The tabs showing one of the set's proposed documents. */
function proposalTabs(set: ChangeSet): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.authority === set.id);
}

describe('change-set review: tabs and the log', () => {
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

  it('titles a diff tab by its file, and closes the set\'s tabs after Dismiss', async () => {
    const set = await review.propose(
      [
        { kind: 'create', path: 'review/tab-new.ts', content: 'export const tab = 1;\n' },
        { kind: 'create', path: 'review/other/tab-new.ts', content: 'export const tab = 2;\n' },
      ],
      { title: 'Apply from chat', source: 'chat' },
    );
    await review.openDiff(set, 'review/tab-new.ts');
    await vscode.commands.executeCommand('workbench.action.keepEditor');
    await review.openDiff(set, 'review/other/tab-new.ts');
    assert.deepStrictEqual(proposalTabs(set).map((t) => t.label), ['review/tab-new.ts (proposed)', 'review/other/tab-new.ts (proposed)'], 'two files of one name are told apart');
    set.dispose();
    await eventually(async () => proposalTabs(set).length === 0, 'the dismissed set\'s tabs are closed');
  });

  it('closes the diff tabs of the files an apply wrote, keeps those still pending, and logs an apply that wrote nothing', async () => {
    const lines: string[] = [];
    const log = { debug: () => undefined, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`warn ${m}`), error: () => undefined, show: () => undefined };
    const watching = watchReview(review, log);
    const set = await review.propose(
      [
        { kind: 'create', path: 'review/tab-a.ts', content: 'export const a = 1;\n' },
        { kind: 'create', path: 'review/tab-b.ts', content: 'export const b = 1;\n' },
      ],
      { title: 'Tabs', source: 'test' },
    );
    const none = await set.apply();
    assert.ok(none.ok);
    assert.ok(
      lines.includes('apply "Tabs": Nothing was written: 2 not accepted. review/tab-a.ts was not accepted; left as it is. review/tab-b.ts was not accepted; left as it is.'),
      lines.join('\n'),
    );
    await review.openDiff(set, 'review/tab-a.ts');
    await vscode.commands.executeCommand('workbench.action.keepEditor');
    await review.openDiff(set, 'review/tab-b.ts');
    assert.strictEqual(proposalTabs(set).length, 2);
    set.accept('review/tab-a.ts');
    assert.ok((await set.apply()).ok);
    await eventually(async () => proposalTabs(set).length === 1, 'the applied file\'s tab is closed');
    assert.strictEqual((proposalTabs(set)[0]?.input as vscode.TabInputTextDiff).modified.toString(), proposedUri(set, 'review/tab-b.ts').toString());
    watching.dispose();
  });
});
