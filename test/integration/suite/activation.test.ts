import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('activates and exposes its API', async () => {
    const api = await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'extension should be active');
    assert.strictEqual(typeof api.chatView.post, 'function');
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
