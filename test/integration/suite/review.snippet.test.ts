/** Apply from the chat on a code block that names no file: the active editor, reviewed as a diff. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { HostMessage } from '../../../src/shared/protocol';
import { proposedUri } from '../../../src/vscode/review';
import type { Simulator } from '../../sim/types';
import { endSuite, resetBetweenTests, sendChat, startSuite } from './helpers';
import { recordPosts, closeReviews } from './hostSim';
import { diskText, fileUri } from './reviewHelpers';

const PATH = 'review/snippet.ts';
const noticeTexts = (messages: readonly HostMessage[]) => messages.flatMap((m) => (m.type === 'notice' ? [m.text] : []));

describe('change-set review: Apply of a code block without a file path', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let sim: Simulator;

  before(async () => {
    ({ api, sim } = await startSuite());
  });
  beforeEach(() => resetBetweenTests(api, sim, 'sk-global-test'));
  after(() => endSuite(api, sim));

  afterEach(async () => {
    await closeReviews(api);
  });

  it('goes to the region of the active editor it resembles, as a proposal under review (nothing written)', async () => {
    const before = await diskText(PATH);
    (await vscode.window.showTextDocument(fileUri(PATH))).selection = new vscode.Selection(0, 0, 0, 0);
    const snippet = 'export function subtotal(items: Item[]): number {\n  return items.reduce((sum, item) => sum + item.price * item.qty, 0);\n}';
    const posts = recordPosts(api);
    try {
      await api.router.handle({ type: 'applyCode', turnId: 'none', code: snippet, language: 'ts' });
      const set = api.review.sets.at(-1);
      assert.ok(set, `a set was proposed: ${noticeTexts(posts.messages).join(' | ')}`);
      assert.deepStrictEqual(set.files.map((f) => [f.path, f.status, f.added, f.removed]), [[PATH, 'modified', 1, 3]]);
      assert.strictEqual(set.meta.title, 'Apply from chat');
      const proposed = await vscode.workspace.openTextDocument(proposedUri(set, PATH));
      assert.strictEqual(proposed.getText(), before!.replace(/export function subtotal[\s\S]*?\n}\n/, `${snippet}\n`));
      assert.strictEqual(await diskText(PATH), before, 'Apply only proposes');
      assert.match(noticeTexts(posts.messages).at(-1) ?? '', /names no file, so it is proposed for lines 1–5 of snippet\.ts/);
    } finally {
      posts.dispose();
    }
  });

  it('goes over the selection when there is one: Apply all edits on an answer whose one block names no file', async () => {
    sim.enqueue({ content: 'Make shipping free:\n\n```ts\n  return 0;\n```\n' });
    await sendChat(api, 'make shipping free');
    const turn = api.chat.current.turns.at(-1)!;
    const editor = await vscode.window.showTextDocument(fileUri(PATH));
    editor.selection = new vscode.Selection(7, 0, 8, 0);
    await api.router.handle({ type: 'applyAnswer', turnId: turn.id });
    const set = api.review.sets.at(-1);
    assert.ok(set, JSON.stringify(api.chat.current.turns.at(-1)?.notices));
    const proposed = await vscode.workspace.openTextDocument(proposedUri(set, PATH));
    assert.match(proposed.getText(), /export function shipping\(total: number\): number \{\n {2}return 0;\n\}\n$/);
    assert.match(api.chat.current.turns.at(-1)!.notices![0]!.text, /so it is proposed for the selection in snippet\.ts \(line 8\)/);
  });

  it('refuses with the reason when no editor is open, or nothing in it resembles the block', async () => {
    const posts = recordPosts(api);
    try {
      await api.router.handle({ type: 'applyCode', turnId: 'none', code: 'const x = 1;', language: 'ts' });
      assert.match(noticeTexts(posts.messages).at(-1) ?? '', /names no file, and no file is open in an editor to apply it to/);
      const editor = await vscode.window.showTextDocument(fileUri(PATH));
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await api.router.handle({ type: 'applyCode', turnId: 'none', code: 'SELECT * FROM orders WHERE paid = false;', language: 'sql' });
      assert.match(noticeTexts(posts.messages).at(-1) ?? '', /no part of snippet\.ts resembles it closely enough to replace\. Select the code it should replace/);
      assert.strictEqual(api.review.sets.length, 0, 'nothing was proposed');
    } finally {
      posts.dispose();
    }
  });
});
