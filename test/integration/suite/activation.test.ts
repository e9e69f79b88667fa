import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostMessage } from '../../../src/shared/protocol';
import { reduceLog, reduceTurn, type TurnRecord } from '../../../src/shared/turnEvents';
import type { TurnOutcome } from '../../../src/vscode/chat/turnTypes';
import { activateExtension, EXTENSION_ID } from './helpers';
import { chatRequests, resetExtension, setSetting, startHostSim, waitFor } from './hostSim';
import { fileUri } from './reviewHelpers';

/** The extension's bundles this host has loaded (dist/extension.js at activation, dist/services.js on first use). */
function loadedBundles(): string[] {
  const dist = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist');
  return Object.keys(require.cache)
    .filter((file) => path.dirname(file) === dist)
    .map((file) => path.basename(file))
    .sort();
}

/** What the webview ends up showing from the messages it received: the last conversation, then the turns after it. */
function shownTurns(delivered: HostMessage[]): Map<string, TurnRecord> {
  let turns = new Map<string, TurnRecord>();
  for (const message of delivered) {
    if (message.type === 'conversation') {
      turns = new Map(message.turns.map((events) => reduceLog(events)).filter((t) => t !== undefined).map((t) => [t.id, t]));
    } else if (message.type === 'turn') {
      const next = reduceTurn(turns.get(message.turnId), message.event);
      if (next) turns.set(message.turnId, next);
    }
  }
  return turns;
}

// This file runs first in the host (suites load in name order): nothing has loaded the services before it.
describe('activation', () => {
  it('registers commands and views without loading the services (the SDK, the schemas)', async () => {
    const api = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'extension should be active');
    assert.strictEqual(await api.keys.get('stepfun-global'), undefined, 'the key store is there before the services');
    assert.deepStrictEqual(loadedBundles(), ['extension.js'], 'activation loaded only the thin bundle');
  });

  it('runs Open Chat, Set API Key (its argument) and Explain issued together as the first commands, losing no turn event', async function () {
    this.timeout(120_000);
    const api = await activateExtension();
    const sim = await startHostSim({ keys: { global: ['sk-global-test', 'sk-global-second'] } });
    try {
      await setSetting('provider', 'stepfun-global');
      await setSetting('rateTier', 'V5');
      await api.keys.set('stepfun-global', 'sk-global-test');
      const editor = await vscode.window.showTextDocument(fileUri('commands/cart.ts'));
      editor.selection = new vscode.Selection(8, 0, 14, 1);
      sim.enqueue({ content: 'It adds up each line: unit price times quantity.' });
      assert.deepStrictEqual(loadedBundles(), ['extension.js'], 'nothing has loaded the services yet');
      const readsBeforeServices: string[] = [];
      const read = api.keys.get.bind(api.keys);
      api.keys.get = (provider) => {
        if (!loadedBundles().includes('services.js')) readsBeforeServices.push(provider);
        return read(provider);
      };

      const opened = vscode.commands.executeCommand('stepFlash.openChat');
      const stored = vscode.commands.executeCommand<boolean>('stepFlash.setApiKey', 'sk-global-second');
      const explained = vscode.commands.executeCommand<TurnOutcome>('stepFlash.explain');
      // The first invocation started reading the selected provider's key and returned to the host,
      // which sends that read before the services (built on a timer after it) block it.
      assert.deepStrictEqual(readsBeforeServices, ['stepfun-global'], 'the key read started before the services loaded');
      assert.deepStrictEqual(loadedBundles(), ['extension.js'], 'the services wait for the host to send the read');
      // Asking for a handle builds the services at once; the webview is not resolved yet (that takes a
      // round trip to the workbench), so every message it is sent is seen here.
      assert.ok(!api.chatView.isReady);
      assert.deepStrictEqual(loadedBundles(), ['extension.js', 'services.js']);
      const delivered: HostMessage[] = [];
      const resolve = api.chatView.resolveWebviewView.bind(api.chatView);
      api.chatView.resolveWebviewView = (view) => {
        const post = view.webview.postMessage.bind(view.webview);
        view.webview.postMessage = (message: HostMessage) => {
          delivered.push(message);
          return post(message);
        };
        resolve(view);
      };

      const [, keyStored, outcome] = await Promise.all([opened, stored, explained]);
      assert.strictEqual(keyStored, true, 'Set API Key checked and stored the key it was given');
      assert.strictEqual(await api.keys.get('stepfun-global'), 'sk-global-second');
      const models = sim.requests.find((r) => r.path.endsWith('/models'));
      assert.strictEqual(models?.headers.authorization, 'Bearer sk-global-second', 'the key was checked with the server');

      assert.strictEqual(outcome.status, 'done');
      assert.strictEqual(outcome.text, 'It adds up each line: unit price times quantity.');
      const request = chatRequests(sim);
      assert.strictEqual(request.length, 1);
      assert.match(JSON.stringify(request[0]!.body), /total \+= item\.unitPrice \* item\.quantity/, 'the selection went with the request');
      assert.strictEqual(api.chat.current.turns.at(-1)?.id, outcome.turnId, 'the turn is in the chat the view shows');

      await waitFor(() => api.chatView.isReady, 'the chat webview to say ready', 60_000);
      const shown = await waitFor(() => {
        const turn = shownTurns(delivered).get(outcome.turnId);
        return turn?.status === 'done' ? turn : undefined;
      }, 'the webview to receive the finished turn');
      assert.strictEqual(shown.text, outcome.text, 'the webview got every event of the turn that started before it was ready');
    } finally {
      delete (api.keys as Partial<typeof api.keys>).get;
      await resetExtension(api);
      await sim.close();
    }
  });

  it('registers every command that package.json lists', async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const manifest = JSON.parse(readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ command: string }> };
    };
    const declared = manifest.contributes.commands.map((c) => c.command);
    assert.ok(declared.length > 0, 'the manifest declares commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((command) => !registered.has(command));
    assert.deepStrictEqual(missing, [], `commands declared but not registered: ${missing.join(', ')}`);
  });

  it('resolves the chat view, whose webview says ready through the protocol', async () => {
    const api = await activateExtension();
    const ready = new Promise<void>((resolve) => {
      if (api.chatView.isReady) resolve();
      api.chatView.onDidBecomeReady(() => resolve());
    });
    await vscode.commands.executeCommand('stepFlash.openChat');
    await withTimeout(ready, 30_000, 'the chat webview never posted ready');
    assert.ok(api.chatView.isReady);
  });
});

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(message)), ms)),
  ]);
}
