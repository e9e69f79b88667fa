/**
 * The first hour, with real key presses on the workbench page and a look at what it
 * shows: keyboard entry into the chat, the Changes view's height, and the region
 * prompt of Set API Key. These need the page, which the code-server launcher drives
 * (test/integration/workbenchProbe.ts); the desktop launcher has none, so there they
 * are not registered at all.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { endSuite, openChatView, resetBetweenTests, sendChat, startSuite } from './helpers';
import { recordPosts, waitFor } from './hostSim';
import { workbench, type Workbench } from './workbench';
import type { Simulator } from '../../sim/types';
import type { ExtensionApi } from '../../../src/extension';
import type { HostMessageOf } from '../../../src/shared/protocol';

const CHANGES_PANE = '[id="workbench.parts.sidebar"] .pane-header h3.title:text-is("Changes")';
/** The region notification, in the notification centre (toasts wait for a focused window, which a headless page may not report). */
const REGION_NOTICE = '.notifications-center .notification-list-item:has-text("The key is saved for StepFun (China)")';

/** Polls the page until `probe` holds (the workbench and the webview settle on their own time). */
async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last saw ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const page = workbench();
if (page) registerWorkbenchTests(page);

function registerWorkbenchTests(ui: Workbench): void {
  describe('the first hour on the workbench: keys, the sidebar, the region prompt', function () {
    this.timeout(90_000);
    let api: ExtensionApi;
    let sim: Simulator;

    before(async () => {
      ({ api, sim } = await startSuite({ unauthorizedBody: 'empty' }));
      await openChatView(api);
    });
    beforeEach(async () => {
      await resetBetweenTests(api, sim);
      for (const set of [...api.review.sets]) set.dispose();
    });
    after(() => endSuite(api, sim));

    const inMessageBox = (f: { hasFocus: boolean; active: string }) => f.hasFocus && f.active === 'textarea.input';

    it('Open Chat from the keyboard (Ctrl+; C) leaves the caret in the message box, and typing goes there', async () => {
      const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src', 'format.ts');
      await vscode.window.showTextDocument(uri);
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      assert.ok(!inMessageBox(await ui.chatFocus()), 'the editor has the focus to begin with');
      await ui.press('Control+;', 'c');
      await until(() => ui.chatFocus(), inMessageBox, 'the message box to have focus');
      await ui.type('typed after Open Chat');
      const after = await until(() => ui.chatFocus(), (f) => f.input.endsWith('typed after Open Chat'), 'the typed text');
      assert.ok(after.input.endsWith('typed after Open Chat'), 'nothing typed was lost');
      assert.strictEqual(vscode.window.activeTextEditor?.document.getText().includes('typed after'), false, 'nothing went to the editor');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('Focus on Chat View lands in the message box too', async () => {
      const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src', 'cart.ts');
      await vscode.window.showTextDocument(uri);
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await until(() => ui.chatFocus(), (f) => !f.hasFocus, 'the webview to lose focus');
      await vscode.commands.executeCommand('stepFlash.chatView.focus');
      await until(() => ui.chatFocus(), inMessageBox, 'the message box to have focus');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('the chat webview loads the codicon font under its CSP, so its icons have glyphs', async () => {
      // fonts.check() is also true when no codicon face was declared at all: the glyph's box is what proves it.
      const font = await until(() => ui.chatIconFont(), (f) => Boolean(f && f.width >= 14), 'a codicon with its 16px glyph box');
      assert.ok(font?.loaded);
      await ui.screenshot(path.join(process.env.STEP_FLASH_TEST_RUN_DIR!, 'chat-first-run.png'));
    });

    it('highlights code in an answer: the webview, an ES module, imports the language’s grammar under its CSP', async () => {
      await api.provider.keys.set('stepfun-global', 'sk-global-test');
      // The simulator's default reply quotes the message, code block included.
      await sendChat(api, '```ts\nexport const answer: number = 42;\n```');
      await waitFor(() => api.chat.current.turns.at(-1)?.status === 'done', 'the answer');
      const highlighted = await until(() => ui.chatCount('pre.code-block:not([data-pending]) .hljs-keyword'), (n) => n > 0, 'a highlighted keyword');
      assert.ok(highlighted > 0);
    });

    it('the Changes view takes no sidebar height until there is a change set, and goes when the last one is closed', async () => {
      assert.strictEqual(await ui.count(CHANGES_PANE), 0, 'first run: the chat has the sidebar');
      await api.provider.keys.set('stepfun-global', 'sk-global-test');
      const edit = 'src/format.ts\n<<<<<<< SEARCH\n  return `$${amount.toFixed(2)}`;\n=======\n  return `EUR ${amount.toFixed(2)}`;\n>>>>>>> REPLACE\n';
      await api.router.handle({ type: 'applyCode', turnId: 'none', code: edit, language: '' });
      assert.strictEqual(api.review.sets.length, 1);
      await ui.waitFor(CHANGES_PANE);
      for (const set of [...api.review.sets]) set.dispose();
      await ui.waitFor(CHANGES_PANE, 'hidden');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('closing the region prompt keeps the key for its region, and the chat names it and offers the switch', async () => {
      const posts = recordPosts(api);
      try {
        assert.strictEqual(await vscode.commands.executeCommand<boolean>('stepFlash.setApiKey', 'sk-china-test'), true, 'a key was stored');
        await vscode.commands.executeCommand('notifications.showList');
        await ui.waitFor(REGION_NOTICE);
        await vscode.commands.executeCommand('notifications.clearAll');
        await ui.waitFor(REGION_NOTICE, 'hidden');
        assert.strictEqual(await api.provider.keys.get('stepfun-china'), 'sk-china-test', 'kept for the region it belongs to');
        assert.strictEqual(await api.provider.keys.get('stepfun-global'), undefined);
        assert.strictEqual(vscode.workspace.getConfiguration('stepFlash').get('provider'), 'stepfun-global', 'the provider was left as it was');
        const status = await waitFor(
          () => posts.messages.filter((m): m is HostMessageOf<'status'> => m.type === 'status').find((m) => m.status.keysElsewhere.length > 0),
          'the chat to be told where the key is',
        );
        assert.deepStrictEqual(status.status.keysElsewhere, [{ id: 'stepfun-china', label: 'StepFun (China)' }]);
        assert.strictEqual(status.status.keyPresent, false);
        const connection = await vscode.commands.executeCommand<string>('stepFlash.showConnectionStatus', false);
        assert.match(connection, /API key: missing/);
        await vscode.workspace.getConfiguration('stepFlash').update('provider', 'stepfun-china', vscode.ConfigurationTarget.Global);
        assert.match(await vscode.commands.executeCommand<string>('stepFlash.showConnectionStatus', false), /Last check: .*key valid \(typed for StepFun \(global\), belongs here\)/);
      } finally {
        posts.dispose();
      }
    });

    it('Switch on the region prompt moves the chat to the region the key was saved for', async () => {
      assert.strictEqual(await vscode.commands.executeCommand<boolean>('stepFlash.setApiKey', 'sk-china-test'), true);
      await vscode.commands.executeCommand('notifications.showList');
      await ui.click(`${REGION_NOTICE} .monaco-button:text-is("Switch to StepFun (China)")`);
      await waitFor(() => vscode.workspace.getConfiguration('stepFlash').get('provider') === 'stepfun-china', 'the provider to switch');
      assert.strictEqual((await api.provider.statusView()).keyPresent, true);
    });
  });
}
