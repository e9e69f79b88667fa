/**
 * Editor commands as tasks, in the real host against the demo model: a command runs in its own
 * context whatever chat is open, every request it makes is billed to its turn, and the bill
 * (with the cached share) reaches the chat, the status bar and "Show Session Cost".
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { demoModel } from '../../sim/demo';
import type { Simulator } from '../../sim/types';
import { activateExtension } from './helpers';
import { chatRequests, postedEvents, postedTurns, recordPosts, resetExtension, startHostSim, startWithKey, closeReviews } from './hostSim';
import { fileUri } from './reviewHelpers';
import type { ExtensionApi } from '../../../src/extension';
import type { TurnOutcome } from '../../../src/vscode/chat/turnTypes';
import type { EditingResult } from '../../../src/vscode/commands/editingRunner';

interface Body {
  messages: Array<{ role: string; content: unknown }>;
}

const CHAT = ['What does the cart module do?', 'How are prices formatted?', 'Is there a discount rule?', 'What would you test first?'];

async function explainSelection(): Promise<TurnOutcome> {
  const editor = await vscode.window.showTextDocument(fileUri('src/format.ts'));
  editor.selection = new vscode.Selection(0, 0, 2, 1);
  const outcome = await vscode.commands.executeCommand<TurnOutcome>('stepFlash.explain');
  assert.strictEqual(outcome.status, 'done');
  return outcome;
}

describe('tasks: an editor command has its own context and its own bill', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let sim: Simulator;

  before(async () => {
    api = await activateExtension();
    sim = await startHostSim({ fallback: demoModel() });
  });
  beforeEach(async () => {
    await startWithKey(api, sim);
  });
  afterEach(async () => {
    await closeReviews(api);
  });
  after(async () => {
    await resetExtension(api);
    await sim.close();
  });

  it('Explain inside a chat with history sends none of it, costs what it costs in an empty window, and shows its bill', async () => {
    for (const text of CHAT) assert.strictEqual((await api.chat.runTurn({ intent: 'chat', display: text })).status, 'done');
    const chatTurns = api.chat.current.turns.length;
    const posts = recordPosts(api);
    try {
      const outcome = await explainSelection();
      const sent = chatRequests(sim).at(-1)!.body as Body;
      assert.deepStrictEqual(sent.messages.map((m) => m.role), ['system', 'user'], 'only the task’s own system prompt and message');
      for (const text of CHAT) assert.ok(!JSON.stringify(sent).includes(text), `the chat's "${text}" was not sent`);

      // Shown in the chat as its own task, with its bill.
      assert.strictEqual(api.chat.current.turns.length, chatTurns + 1, 'the task is a turn of the open chat');
      const turn = api.chat.current.turns.at(-1)!;
      assert.strictEqual(turn.id, outcome.turnId);
      assert.strictEqual(turn.task, 'Explain');
      assert.strictEqual(turn.usage?.requests, 1);
      assert.ok(turn.usage!.promptTokens > 0 && turn.usage!.costUsd > 0);
      const posted = postedTurns(posts.messages).find((t) => t.id === outcome.turnId)!;
      assert.strictEqual(posted.task, 'Explain', 'the webview is told it is a task');
      assert.deepStrictEqual(posted.usage, turn.usage, 'the webview gets the same bill');
      assert.deepStrictEqual(postedEvents(posts.messages, 'usage').map((e) => e.model), ['step-3.7-flash']);
      assert.match(api.statusBar.text, /session · Explain \$0\.\d+ \(\d+% cached\)$/);
      assert.ok(api.statusBar.breakdown().some((line) => line.startsWith('• Explain — ')), api.statusBar.breakdown().join('\n'));

      // The same command in an empty window costs the same input.
      await api.chat.newChat();
      await explainSelection();
      const alone = api.chat.current.turns.at(-1)!;
      assert.strictEqual(alone.usage?.promptTokens, turn.usage!.promptTokens);
    } finally {
      posts.dispose();
    }
  });

  it('a multi-step Refactor bills every request to its one task, most of its input cached', async () => {
    const editor = await vscode.window.showTextDocument(fileUri('src/cart.ts'));
    editor.selection = new vscode.Selection(8, 0, 14, 1);
    const result = await vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions: 'extract the line total' });
    assert.strictEqual(result.turn.status, 'done');
    const requests = chatRequests(sim).length;
    assert.ok(requests >= 3, `the demo refactor took ${requests} request(s)`);
    const turn = api.chat.current.turns.at(-1)!;
    assert.strictEqual(turn.task, 'Refactor cart.ts');
    assert.strictEqual(turn.usage?.requests, requests, 'every step is in the task’s bill');
    assert.ok(turn.usage!.cachedTokens / turn.usage!.promptTokens > 0.5, `cached ${turn.usage!.cachedTokens} of ${turn.usage!.promptTokens}`);
    const task = api.provider.costs.byTask().at(-1)!;
    assert.strictEqual(task.title, 'Refactor cart.ts');
    assert.deepStrictEqual(task.usage, turn.usage, 'the status bar’s ledger and the chat agree');
  });
});
