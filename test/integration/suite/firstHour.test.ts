/**
 * The chat side of a new user's first hour, in the real host: the log, the effort a
 * message really used, Retry, notices that belong to their turn, the settings labels.
 * What needs real key presses or a look at the workbench is in firstHourWorkbench.test.ts.
 */
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { endSuite, openChatView, resetBetweenTests, sendChat, startSuite, EXTENSION_ID } from './helpers';
import { chatRequests, postedEvents, recordPosts, waitFor } from './hostSim';
import type { Simulator } from '../../sim/types';
import type { ExtensionApi } from '../../../src/extension';
import { PROVIDER_IDS } from '../../../src/core/provider';
import { KeyChecks } from '../../../src/vscode/provider/keyChecks';

const KEY = 'sk-global-test';

/** The extension's Output log file (a LogOutputChannel writes one under the run's user-data logs). */
function logText(): string {
  const find = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = find(full);
        if (found) return found;
      } else if (entry.name === 'Step Flash.log' && dir.endsWith('step-flash.step-flash')) return full;
    }
    return undefined;
  };
  const file = find(path.join(process.env.STEP_FLASH_TEST_RUN_DIR!, 'user-data', 'logs'));
  return file ? readFileSync(file, 'utf8') : '';
}

/** Puts a file an apply changed (in its unsaved document) back as it was, so later tests see the fixture. */
async function restore(relative: string, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, relative));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  await vscode.workspace.applyEdit(edit);
  await document.save();
  assert.strictEqual(document.getText(), text);
}

const bodyOf = (sim: Simulator, index = -1) => chatRequests(sim).at(index)!.body as { messages: Array<{ role: string; content: unknown }>; reasoning_effort?: string };

describe('the first hour: chat, log and settings in the real host', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let sim: Simulator;

  before(async () => {
    ({ api, sim } = await startSuite());
    await openChatView(api);
  });
  beforeEach(() => resetBetweenTests(api, sim, KEY));
  after(() => endSuite(api, sim));

  it('the Output log has every request (provider, model, effort, size, timing, status, trace id), each retry, placement failure and apply — never the key', async () => {
    sim.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } }, { content: 'after the wait' });
    const original = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src', 'format.ts'))).getText();
    await sendChat(api, 'log me', { effort: 'low' });
    const answer = api.chat.current.turns.at(-1)!;
    assert.strictEqual(answer.status, 'done');
    const answerApply = [
      'src/format.ts',
      '<<<<<<< SEARCH',
      '  return `$${amount.toFixed(2)}`;',
      '=======',
      '  return `USD ${amount.toFixed(2)}`;',
      '>>>>>>> REPLACE',
      '',
      'src/cart.ts',
      '<<<<<<< SEARCH',
      'this text is not in the file',
      '=======',
      'nor is this',
      '>>>>>>> REPLACE',
    ].join('\n');
    await api.router.handle({ type: 'applyCode', turnId: answer.id, code: answerApply, language: '' });
    const set = api.review.sets.at(-1)!;
    set.acceptAll();
    assert.ok((await set.apply()).ok);
    set.dispose();
    await restore('src/format.ts', original);

    const log = await waitFor(() => {
      const text = logText();
      return /apply "[^"]+": src\/format\.ts applied/.test(text) && text;
    }, 'the apply in the Output log');
    assert.ok(chatRequests(sim).length >= 2);
    assert.match(log, /\[info\] chat \[stepfun-global · step-3\.7-flash · effort low · 2 messages, [\d.]+ (KB|B) ≈ \d+ tokens\] sent/);
    assert.match(log, /\[warning\] chat \[stepfun-global[^\]]*\]: attempt 1 of \d+ failed \(rate-limited 429 — .*\(trace (?!none)\S+\)\); retrying in 1\.00 s/);
    assert.match(log, /\[info\] chat \[stepfun-global[^\]]*\] finished \(stop\) after \d+\.\d\d s, first byte \d+\.\d\d s, \d+ in \(\d+ cached\) \/ \d+ out, effort sent low, 2 attempts, trace \S+/);
    assert.match(log, /\[warning\] placement failed for src\/cart\.ts: /);
    assert.match(log, /\[info\] completion \[stepfun-global[^\]]*\] sent/, 'the repair turn is a request too');
    assert.match(log, /\[info\] apply "[^"]+": src\/format\.ts applied: /);
    assert.ok(!log.includes(KEY), 'the key never reaches the log');
  });

  it('the effort a message used is said truthfully: a one-off choice, or locked by the user', async () => {
    const posts = recordPosts(api);
    try {
      await sendChat(api, 'think hard once', { effort: 'high' });
      await sendChat(api, 'keep thinking hard', { effort: 'high', effortLocked: true });
      await sendChat(api, 'back on auto');
      const efforts = postedEvents(posts.messages, 'start').map((s) => [s.effort.level, s.effort.label]);
      assert.deepStrictEqual(efforts, [['high', 'your choice'], ['high', 'locked by you'], ['medium', 'chat default']]);
      assert.match(postedEvents(posts.messages, 'start')[0]!.effort.reason, /for this message only/);
      assert.deepStrictEqual(chatRequests(sim).map((r) => (r.body as { reasoning_effort?: string }).reasoning_effort), ['high', 'high', 'medium']);
    } finally {
      posts.dispose();
    }
  });

  it('Retry keeps a stopped answer in the chat, marked, and out of what the model is sent', async () => {
    sim.enqueue({ content: 'word '.repeat(400), tokensPerChunk: 1, chunkDelayMs: 5 }, { content: 'The full answer.' }, { content: 'Next.' });
    const posts = recordPosts(api);
    try {
      const sending = sendChat(api, 'write a lot');
      const first = await waitFor(() => postedEvents(posts.messages, 'answer')[0], 'the first streamed words');
      await api.router.handle({ type: 'stop', turnId: first.turnId });
      await sending;
      await api.router.handle({ type: 'retry', turnId: first.turnId });
      const [stopped, retried] = api.chat.current.turns;
      assert.deepStrictEqual([stopped!.status, stopped!.retriedBy, retried!.status, retried!.text], ['stopped', retried!.id, 'done', 'The full answer.']);
      assert.ok(stopped!.text.startsWith('word'), 'the stopped text is kept');
      assert.deepStrictEqual(postedEvents(posts.messages, 'retried').map((e) => [e.turnId, e.by]), [[stopped!.id, retried!.id]]);
      assert.deepStrictEqual(bodyOf(sim).messages.map((m) => m.role), ['system', 'user'], 'the retry sends the question once, without the stopped answer');
      await sendChat(api, 'and then?');
      assert.deepStrictEqual(bodyOf(sim).messages.map((m) => [m.role, m.content]).slice(1), [['user', 'write a lot'], ['assistant', 'The full answer.'], ['user', 'and then?']]);
    } finally {
      posts.dispose();
    }
  });

  it('the Apply notice belongs to its turn: saved with it, never shown in New chat or another chat', async () => {
    await sendChat(api, 'propose something');
    const turn = api.chat.current.turns.at(-1)!;
    const chatId = api.chat.current.id;
    const posts = recordPosts(api);
    try {
      const edit = 'src/format.ts\n<<<<<<< SEARCH\n  return `$${amount.toFixed(2)}`;\n=======\n  return `EUR ${amount.toFixed(2)}`;\n>>>>>>> REPLACE\n';
      await api.router.handle({ type: 'applyCode', turnId: turn.id, code: edit, language: '' });
      await api.router.handle({ type: 'applyCode', turnId: turn.id, code: edit, language: '' });
      for (const set of [...api.review.sets]) set.dispose();
      assert.strictEqual(posts.messages.filter((m) => m.type === 'notice').length, 0, 'no chat-wide notice');
      assert.deepStrictEqual(api.chat.current.turns.at(-1)!.notices?.map((n) => [n.id, n.level]), [['apply', 'info']], 'said once');
      assert.match(api.chat.current.turns.at(-1)!.notices![0]!.text, /Proposed changes to 1 file/);
      await api.chat.newChat();
      const fresh = posts.messages.filter((m) => m.type === 'conversation').at(-1)!;
      assert.deepStrictEqual(fresh.type === 'conversation' && fresh.turns, [], 'New chat shows nothing of it');
      await api.chat.open(chatId);
      assert.deepStrictEqual(api.chat.current.turns.at(-1)!.notices?.map((n) => n.id), ['apply'], 'reopened from storage with it');
    } finally {
      posts.dispose();
    }
  });

  it('Connection Status still knows the key was checked after a reload (kept by a hash of the key, never the key)', async () => {
    await api.provider.keys.clear('stepfun-global');
    assert.strictEqual(await vscode.commands.executeCommand('stepFlash.setApiKey', KEY), true);
    const state = api.provider.checks.state!;
    const reloaded = new KeyChecks(state);
    assert.match(reloaded.describe('stepfun-global', KEY), /^[A-Z][a-z]{2} \d+, \d\d:\d\d [AP]M: key valid/);
    assert.match(reloaded.describe('stepfun-global', 'sk-another-key'), /not checked yet/, 'a replaced key is not reported as checked');
    assert.ok(!JSON.stringify(state.get('stepFlash.keyChecks')).includes(KEY), 'the state holds no key');
    assert.match(await vscode.commands.executeCommand<string>('stepFlash.showConnectionStatus', false), /Last check: .*: key valid/);
  });

  it('the settings show provider names, the same the chat header shows, not raw ids', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const property = (extension.packageJSON as { contributes: { configuration: { properties: Record<string, { enum: string[]; enumItemLabels?: string[] }> } } }).contributes.configuration.properties['stepFlash.provider']!;
    assert.deepStrictEqual(property.enum, [...PROVIDER_IDS]);
    const shown: string[] = [];
    for (const id of property.enum) {
      await vscode.workspace.getConfiguration('stepFlash').update('provider', id, vscode.ConfigurationTarget.Global);
      shown.push((await api.provider.statusView()).providerLabel.replace(/ \(.*:\d+\)$/, ''));
    }
    assert.deepStrictEqual(property.enumItemLabels, shown);
  });
});
