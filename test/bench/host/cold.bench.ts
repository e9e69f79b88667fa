import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../integration/suite/helpers';
import { chatRequests } from '../../integration/suite/hostSim';
import { fileUri } from '../../integration/suite/reviewHelpers';
import { startSimulator } from '../../sim/server';
import { record } from './figures';
import { profiled } from './profile';
import { hostQuiet, machineQuiet } from './quiet';

// Runs alone in a host of its own (./index.ts, STEP_FLASH_BENCH_COLD): nothing has activated the extension.
describe('cold start', () => {
  it('times an Explain that activates the extension: command to request received by the simulator', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension && !extension.isActive, 'nothing activated the extension before this benchmark');
    // A self-hosted server without a key: its settings (which activate nothing) make the window ready to
    // send, as a stored key would; a key cannot be stored before the extension is active.
    const sim = await startSimulator({ flavour: 'vllm', keyless: true });
    const settings = vscode.workspace.getConfiguration('stepFlash');
    try {
      await settings.update('provider', 'custom', vscode.ConfigurationTarget.Global);
      await settings.update('customBaseUrl', sim.url(), vscode.ConfigurationTarget.Global);
      const editor = await vscode.window.showTextDocument(fileUri('commands/cart.ts'));
      editor.selection = new vscode.Selection(8, 0, 14, 1);
      const machineWasQuiet = await machineQuiet();
      const quiet = await hostQuiet();
      assert.ok(!extension.isActive, 'the settings and the editor did not activate the extension');
      sim.respondWith(() => ({ content: 'It adds up the cart.' }));
      const t0 = Date.now();
      await profiled('cold-explain', () => Promise.resolve(vscode.commands.executeCommand('stepFlash.explain')));
      const request = chatRequests(sim)[0];
      assert.ok(request, 'explain sent a chat request');
      assert.ok(extension.isActive);
      record('cold', { explainToRequestMs: request.time - t0, hostQuietBefore: quiet, machineQuietBefore: machineWasQuiet });
    } finally {
      await settings.update('provider', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('customBaseUrl', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await sim.close();
    }
  });
});
