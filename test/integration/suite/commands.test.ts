import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';
import { chatRequests, resetExtension, startHostSim, startWithKey } from './hostSim';
import { diskText, documentText, eventually, fileUri, writeDisk } from './reviewHelpers';
import type { Simulator, SimToolCall } from '../../sim/types';
import type { ExtensionApi } from '../../../src/extension';
import type { EditingResult } from '../../../src/vscode/commands/editingRunner';
import type { RenameOutcome } from '../../../src/vscode/commands/renameCommand';

const MEDIA = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'media');
const tool = (name: string, args: object): SimToolCall => ({ name, arguments: JSON.stringify(args) });
const effortOf = (sim: Simulator, index = -1) => (chatRequests(sim).at(index)!.body as { reasoning_effort?: string }).reasoning_effort;

async function openAt(relative: string, select?: [number, number, number, number]): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(fileUri(relative));
  if (select) editor.selection = new vscode.Selection(select[0], select[1], select[2], select[3]);
  return editor;
}

describe('commands: edits proposed for review, effort per command', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let sim: Simulator;
  const originals = new Map<string, string>();

  before(async () => {
    api = await activateExtension();
    sim = await startHostSim();
    for (const f of ['commands/cart.ts', 'commands/format.ts', 'commands/legacy.ts']) originals.set(f, (await diskText(f))!);
  });
  beforeEach(async () => {
    await startWithKey(api, sim);
  });
  afterEach(async () => {
    for (const set of [...api.review.sets]) set.dispose();
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [f, text] of originals) await writeDisk(f, text);
    await vscode.workspace.fs.delete(fileUri('commands/pricing.ts')).then(undefined, () => undefined);
  });
  after(async () => {
    await resetExtension(api);
    await sim.close();
  });

  it('refactor: reads, proposes modify + create + delete; accepting two and rejecting one changes exactly those, and one undo restores all', async () => {
    await openAt('commands/cart.ts', [8, 0, 14, 1]);
    sim.enqueue(
      { toolCalls: [tool('read_file', { path: 'commands/format.ts' })] },
      {
        content: 'Moved pricing into its own module.',
        toolCalls: [
          tool('edit_file', { path: 'commands/cart.ts', edits: [{ search: "import { formatPrice } from './format';", replace: "import { formatPrice } from './format';\nimport { lineTotal } from './pricing';" }, { search: '    total += item.unitPrice * item.quantity;', replace: '    total += lineTotal(item);' }] }),
          tool('create_file', { path: 'commands/pricing.ts', content: "import type { LineItem } from './cart';\n\nexport const lineTotal = (item: LineItem): number => item.unitPrice * item.quantity;\n" }),
          tool('delete_file', { path: 'commands/legacy.ts' }),
        ],
      },
    );
    const result = await vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions: 'extract the line total' });
    assert.strictEqual(result.turn.status, 'done');
    assert.strictEqual(effortOf(sim, 0), 'high');
    const first = chatRequests(sim)[0]!.body as { tools: Array<{ function: { name: string } }> };
    assert.deepStrictEqual(first.tools.map((t) => t.function.name).sort(), ['create_file', 'delete_file', 'edit_file', 'list_files', 'read_file', 'rename_file', 'search_text']);
    const second = chatRequests(sim)[1]!.body as { messages: Array<{ role: string; content: string }> };
    assert.match(second.messages.at(-1)!.content, /formatPrice/, 'the read_file result went back to the model');
    assert.deepStrictEqual(api.chat.current.turns.at(-1)!.steps[0]?.title, 'Read commands/format.ts');

    assert.strictEqual(result.proposal?.kind, 'proposed');
    const set = result.proposal.kind === 'proposed' ? result.proposal.set : undefined;
    assert.strictEqual(set!.meta.title, 'Refactor cart.ts', 'titled by the command and its subject, never an id');
    assert.deepStrictEqual(set!.files.map((f) => [f.path, f.status]), [
      ['commands/cart.ts', 'modified'],
      ['commands/pricing.ts', 'created'],
      ['commands/legacy.ts', 'deleted'],
    ]);
    assert.strictEqual(await diskText('commands/pricing.ts'), undefined, 'nothing is written before it is accepted');
    set!.accept('commands/cart.ts');
    set!.accept('commands/pricing.ts');
    set!.reject('commands/legacy.ts');
    const report = await set!.apply();
    assert.ok(report.ok, report.error);
    const cart = await documentText('commands/cart.ts');
    assert.ok(cart.includes('total += lineTotal(item);') && cart.includes("from './pricing'"), cart);
    assert.match((await documentText('commands/pricing.ts')), /export const lineTotal/);
    assert.strictEqual(await diskText('commands/legacy.ts'), originals.get('commands/legacy.ts'), 'the rejected delete did not happen');

    await vscode.window.showTextDocument(fileUri('commands/cart.ts'));
    await vscode.commands.executeCommand('undo');
    await eventually(async () => (await documentText('commands/cart.ts')) === originals.get('commands/cart.ts'), 'cart.ts is restored');
    await eventually(async () => (await diskText('commands/pricing.ts')) === undefined, 'pricing.ts is gone again');
  });

  it('never overwrites a file that changed after the proposal', async () => {
    await openAt('commands/format.ts');
    sim.enqueue({ toolCalls: [tool('edit_file', { path: 'commands/format.ts', edits: [{ search: 'amount.toFixed(2)', replace: 'amount.toFixed(3)' }] })] });
    const result = await vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions: 'more precision' });
    const set = result.proposal?.kind === 'proposed' ? result.proposal.set : undefined;
    assert.ok(set);
    const editor = await openAt('commands/format.ts');
    await editor.edit((b) => b.replace(new vscode.Range(1, 0, 1, Number.MAX_SAFE_INTEGER), '  return `USD ${amount}`;'));
    set.acceptAll();
    const report = await set.apply();
    assert.deepStrictEqual(report.files.map((f) => f.kind), ['stale']);
    assert.strictEqual(editor.document.getText(), 'export function formatPrice(amount: number): string {\n  return `USD ${amount}`;\n}\n');
  });

  it('refuses a path that escapes the workspace, naming it, while the rest stays reviewable', async () => {
    await openAt('commands/cart.ts');
    sim.enqueue({
      toolCalls: [
        tool('create_file', { path: '../outside.txt', content: 'escaped' }),
        tool('edit_file', { path: 'commands/format.ts', edits: [{ search: 'toFixed(2)', replace: 'toFixed(2) /* ok */' }] }),
      ],
    });
    const result = await vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions: 'escape' });
    const set = result.proposal?.kind === 'proposed' ? result.proposal.set : undefined;
    const escaped = set!.files.find((f) => f.path === '../outside.txt');
    assert.strictEqual(escaped?.status, 'failed');
    assert.match(escaped!.reason!, /\.\.\/outside\.txt/);
    assert.strictEqual(set!.files.find((f) => f.path === 'commands/format.ts')?.status, 'modified');
  });

  it('sends the effort the policy chose for each command, shown in the chat', async () => {
    const diagnostics = vscode.languages.createDiagnosticCollection('step-flash-test');
    diagnostics.set(fileUri('commands/cart.ts'), [new vscode.Diagnostic(new vscode.Range(11, 4, 11, 9), "Cannot find name 'totl'.", vscode.DiagnosticSeverity.Error)]);
    try {
      const expected: Array<[string, unknown, string]> = [
        ['stepFlash.explain', undefined, 'low'],
        ['stepFlash.addDocumentation', undefined, 'low'],
        ['stepFlash.askAboutSelection', { question: 'why a loop?' }, 'medium'],
        ['stepFlash.fixProblems', undefined, 'medium'],
        ['stepFlash.generateTests', undefined, 'medium'],
        ['stepFlash.refactor', { instructions: 'simplify' }, 'high'],
        ['stepFlash.screenshotToCode', { imagePath: path.join(MEDIA, 'screenshot-40x30.png') }, 'high'],
      ];
      for (const [command, args, effort] of expected) {
        await openAt('commands/cart.ts', [8, 0, 14, 1]);
        sim.enqueue({ content: 'ok' });
        await vscode.commands.executeCommand(command, args);
        assert.strictEqual(effortOf(sim), effort, `${command} sent ${effortOf(sim)}`);
        const answer = api.chat.current.turns.at(-1)!;
        assert.strictEqual(answer.effort?.level, effort, `${command} shows its effort in the chat`);
        assert.strictEqual(answer.effort?.source, 'policy');
      }
      const fix = chatRequests(sim)[3]!.body as { messages: Array<{ content: string }> };
      assert.match(JSON.stringify(fix.messages.at(-1)), /Cannot find name 'totl'/);
    } finally {
      diagnostics.dispose();
    }
  });

  it('a per-command setting overrides the policy', async () => {
    await vscode.workspace.getConfiguration('stepFlash').update('effort.explain', 'high', vscode.ConfigurationTarget.Global);
    try {
      await openAt('commands/cart.ts', [8, 0, 14, 1]);
      await vscode.commands.executeCommand('stepFlash.explain');
      assert.strictEqual(effortOf(sim), 'high');
      assert.strictEqual(api.chat.current.turns.at(-1)!.effort?.source, 'setting');
    } finally {
      await vscode.workspace.getConfiguration('stepFlash').update('effort.explain', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('screenshot to code sends the image with high effort and proposes new files for the stack', async () => {
    sim.enqueue({ toolCalls: [tool('create_file', { path: 'screenshot/index.html', content: '<!doctype html>\n<title>Login</title>\n' })] });
    const result = await vscode.commands.executeCommand<EditingResult>('stepFlash.screenshotToCode', { imagePath: path.join(MEDIA, 'screenshot-40x30.png'), note: 'a login form' });
    const body = chatRequests(sim)[0]!.body as { reasoning_effort: string; messages: Array<{ role: string; content: unknown }> };
    assert.strictEqual(body.reasoning_effort, 'high');
    const user = JSON.stringify(body.messages.at(-1)!.content);
    assert.match(user, /data:image\/png;base64,/);
    assert.match(user, /plain HTML and CSS/);
    const set = result.proposal?.kind === 'proposed' ? result.proposal.set : undefined;
    assert.deepStrictEqual(set?.files.map((f) => [f.path, f.status]), [['screenshot/index.html', 'created']]);
  });

  it('rename: the model proposes the name, the TypeScript rename provider changes every reference, shown for review', async () => {
    const editor = await openAt('commands/format.ts');
    editor.selection = new vscode.Selection(0, 18, 0, 18); // inside "formatPrice"
    // The TypeScript server needs a moment to load the project before it can rename across files.
    await eventually(async () => {
      const probe = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', fileUri('commands/format.ts'), new vscode.Position(0, 18), 'probe').then(undefined, () => undefined);
      return !!probe && probe.entries().length >= 2;
    }, 'the TypeScript rename provider to see both files', 45_000);
    sim.enqueue({ content: 'formatMoney' });
    const outcome = await vscode.commands.executeCommand<RenameOutcome>('stepFlash.renameSymbol', { acceptSuggestion: true });
    assert.strictEqual(effortOf(sim), 'low');
    assert.strictEqual(outcome.kind, 'proposed');
    if (outcome.kind !== 'proposed') return;
    assert.deepStrictEqual([outcome.newName, outcome.via], ['formatMoney', 'rename-provider']);
    const files = outcome.set!.files.map((f) => f.path).sort();
    assert.deepStrictEqual(files, ['commands/cart.ts', 'commands/format.ts']);
    outcome.set!.acceptAll();
    assert.ok((await outcome.set!.apply()).ok);
    assert.match(await documentText('commands/cart.ts'), /formatMoney\(cartTotal\(items\)\)/);
    assert.match(await documentText('commands/format.ts'), /export function formatMoney/);
  });
});
