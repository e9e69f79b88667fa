/**
 * A command's agent loop calling VS Code's tools (vscode.lm.tools / invokeTool): the tools
 * come from a second extension loaded into the same host, exactly as another extension or
 * an MCP server would provide them.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';
import { chatRequests, resetExtension, setSetting, startHostSim, startWithKey, closeReviews } from './hostSim';
import { fileUri } from './reviewHelpers';
import type { Simulator, SimToolCall } from '../../sim/types';
import type { ExtensionApi } from '../../../src/extension';
import type { EditingResult } from '../../../src/vscode/commands/editingRunner';
import { TOOLS_EXTENSION_ID } from '../toolsExtension/manifest';
import type { ToolsExtensionApi } from '../toolsExtension/extension';

const call = (name: string, args: object): SimToolCall => ({ name, arguments: JSON.stringify(args) });
const offered = (sim: Simulator, index: number) => (chatRequests(sim)[index]!.body as { tools: Array<{ function: { name: string } }> }).tools.map((t) => t.function.name);
const OWN_TOOLS = ['create_file', 'delete_file', 'edit_file', 'list_files', 'read_file', 'rename_file', 'search_text'];

describe('commands: VS Code tools in the agent loop', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let sim: Simulator;
  let tools: ToolsExtensionApi;

  before(async () => {
    api = await activateExtension();
    sim = await startHostSim();
    const extension = vscode.extensions.getExtension<ToolsExtensionApi>(TOOLS_EXTENSION_ID);
    assert.ok(extension, 'the test tools extension is loaded next to Step Flash');
    tools = await extension.activate();
  });
  beforeEach(async () => {
    tools.calls.length = 0;
    await startWithKey(api, sim);
    const editor = await vscode.window.showTextDocument(fileUri('commands/cart.ts'));
    editor.selection = new vscode.Selection(8, 0, 14, 1);
  });
  afterEach(async () => {
    await setSetting('agent.vscodeTools', undefined);
    await setSetting('agent.vscodeToolsWithoutAsking', undefined);
    await closeReviews(api);
  });
  after(async () => {
    await resetExtension(api);
    await sim.close();
  });

  it('the tools are registered in VS Code for any extension to see', () => {
    const names = ((vscode as unknown as { lm: { tools: ReadonlyArray<{ name: string; tags: readonly string[] }> } }).lm.tools ?? []).map((t) => t.name);
    assert.ok(names.includes('stepflash_test_lookup') && names.includes('stepflash_test_delete'), JSON.stringify(names));
  });

  it('calls an allowed tool, shows it as a step and reads its result; a tool not allowed is never offered nor called', async () => {
    await setSetting('agent.vscodeTools', ['stepflash_test_lookup']);
    await setSetting('agent.vscodeToolsWithoutAsking', ['stepflash_test_lookup']);
    sim.enqueue(
      { toolCalls: [call('stepflash_test_lookup', { query: 'cart totals' })] },
      { content: 'I would rather delete it.', toolCalls: [call('stepflash_test_delete', { path: 'commands/cart.ts' })] },
    );
    const result = await vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions: 'use the price list' });
    assert.strictEqual(result.turn.status, 'done');

    assert.deepStrictEqual(tools.calls, [{ name: 'stepflash_test_lookup', input: { query: 'cart totals' } }], 'only the allowed tool ran, once, with the model’s input');
    assert.deepStrictEqual(offered(sim, 0).sort(), [...OWN_TOOLS, 'stepflash_test_lookup'].sort(), 'the tool not allowed was never offered');

    const second = chatRequests(sim)[1]!.body as { messages: Array<{ role: string; content: string; tool_call_id?: string }> };
    const toolMessage = second.messages.at(-1)!;
    assert.strictEqual(toolMessage.role, 'tool');
    assert.match(toolMessage.content, /Price list lookup for "cart totals": unit prices are in cents/);

    const steps = (api.chat.current.turns.at(-1)!.steps ?? []).map((step) => step.title);
    assert.strictEqual(steps[0], 'Ran the VS Code tool stepflash_test_lookup with query “cart totals”');
    assert.strictEqual(result.proposal?.kind, 'nothing', 'a call to a tool that was not offered proposes nothing');
    assert.match(result.proposal.problems.join(' '), /stepflash_test_delete\): not an edit tool/);
  });

  it('offers no VS Code tool while the setting is empty (the default)', async () => {
    sim.enqueue({ content: 'Nothing to change.' });
    const result = await vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions: 'anything' });
    assert.strictEqual(result.turn.status, 'done');
    assert.deepStrictEqual(offered(sim, 0).sort(), OWN_TOOLS);
    assert.deepStrictEqual(tools.calls, []);
  });

  it('allows tools by tag', async () => {
    await setSetting('agent.vscodeTools', ['tag:stepflash-test']);
    await setSetting('agent.vscodeToolsWithoutAsking', ['stepflash_test_lookup']);
    sim.enqueue({ content: 'No tool needed.' });
    await vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions: 'anything' });
    assert.deepStrictEqual(offered(sim, 0).filter((n) => n.startsWith('stepflash_test_')).sort(), ['stepflash_test_delete', 'stepflash_test_lookup']);
    assert.deepStrictEqual(tools.calls, []);
  });
});
