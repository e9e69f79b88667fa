/**
 * Every editing command end to end against the simulator's demo model, in the real host:
 * the command gathers context, the demo model reads through the tools and proposes edits,
 * the review places them, and applying the change set writes the files checked here.
 */
import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { demoModel } from '../../sim/demo';
import type { Simulator } from '../../sim/types';
import { loginScreen, png } from '../../support/png';
import { activateExtension } from './helpers';
import { chatRequests, resetExtension, startHostSim, startWithKey, closeReviews } from './hostSim';
import { diskText, documentText, eventually, fileUri, restoreFile } from './reviewHelpers';
import type { ExtensionApi } from '../../../src/extension';
import type { EditingResult } from '../../../src/vscode/commands/editingRunner';
import type { RenameOutcome } from '../../../src/vscode/commands/renameCommand';
import type { ChangeSet } from '../../../src/vscode/review';

const SAMPLE = ['src/cart.ts', 'src/receipt.ts', 'src/discount.ts', 'src/format.ts'];
const CREATED = ['src/pricing.ts', 'test', 'screenshot'];

/** Opens a sample file with this selection, or just the cursor at the top (the command then takes the whole file). */
async function openAt(relative: string, at: [number, number, number, number] = [0, 0, 0, 0]): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(fileUri(relative));
  editor.selection = new vscode.Selection(at[0], at[1], at[2], at[3]);
  return editor;
}

/** The titles of the last turn's steps, in order. */
const stepTitles = (api: ExtensionApi): string[] => (api.chat.current.turns.at(-1)!.steps ?? []).map((step) => step.title);

function proposed(result: EditingResult | undefined): ChangeSet {
  assert.strictEqual(result?.turn.status, 'done', JSON.stringify(result?.turn));
  assert.strictEqual(result?.proposal?.kind, 'proposed', `${JSON.stringify(result?.proposal)}: ${result.turn.text}`);
  return (result.proposal as { set: ChangeSet }).set;
}

async function applyAll(set: ChangeSet): Promise<void> {
  set.acceptAll();
  const report = await set.apply();
  assert.ok(report.ok, report.error);
}

describe('demo model: every editing command end to end, applied', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let sim: Simulator;
  const originals = new Map<string, string>();

  before(async () => {
    api = await activateExtension();
    sim = await startHostSim({ fallback: demoModel() });
    for (const f of SAMPLE) originals.set(f, (await diskText(f))!);
  });
  beforeEach(async () => {
    await startWithKey(api, sim);
  });
  afterEach(async () => {
    await closeReviews(api);
    for (const [f, text] of originals) await restoreFile(f, text);
    for (const f of CREATED) await vscode.workspace.fs.delete(fileUri(f), { recursive: true }).then(undefined, () => undefined);
  });
  after(async () => {
    await resetExtension(api);
    await sim.close();
  });

  it('Refactor: reads, then one change set creates src/pricing.ts and changes cart.ts and receipt.ts; applied', async () => {
    await openAt('src/cart.ts', [8, 0, 14, 1]);
    const set = proposed(await vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions: 'extract the line total' }));
    assert.deepStrictEqual(stepTitles(api).slice(0, 4), ['Searched for “.unitPrice * ” in src/**/*.ts', 'Listed files matching src/**', 'Read src/cart.ts', 'Read src/receipt.ts']);
    assert.strictEqual(chatRequests(sim).length, 3, 'two read rounds, then the edits');
    assert.deepStrictEqual(set.files.map((f) => [f.path, f.status]), [
      ['src/pricing.ts', 'created'],
      ['src/cart.ts', 'modified'],
      ['src/receipt.ts', 'modified'],
    ]);
    await applyAll(set);
    assert.match(await documentText('src/pricing.ts'), /export function lineItemTotal\(item: LineItem\): number \{\n {2}return item\.unitPrice \* item\.quantity;/);
    assert.match(await documentText('src/cart.ts'), /import \{ lineItemTotal \} from '\.\/pricing';[\s\S]*total \+= lineItemTotal\(item\);/);
    assert.strictEqual((await documentText('src/receipt.ts')).match(/lineItemTotal\(item\)/g)?.length, 2);
  });

  it('Rename: the demo model suggests calculateDiscount and the TypeScript rename provider changes both files; applied', async () => {
    await openAt('src/discount.ts', [1, 18, 1, 18]);
    await eventually(async () => {
      const probe = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', fileUri('src/discount.ts'), new vscode.Position(1, 18), 'probe').then(undefined, () => undefined);
      return !!probe && probe.entries().length >= 2;
    }, 'the TypeScript rename provider to see both files', 45_000);
    const outcome = await vscode.commands.executeCommand<RenameOutcome>('stepFlash.renameSymbol', { acceptSuggestion: true });
    assert.strictEqual(outcome.kind, 'proposed', JSON.stringify(outcome));
    if (outcome.kind !== 'proposed') return;
    assert.deepStrictEqual([outcome.newName, outcome.via], ['calculateDiscount', 'rename-provider']);
    assert.deepStrictEqual(outcome.set!.files.map((f) => f.path).sort(), ['src/discount.ts', 'src/receipt.ts']);
    await applyAll(outcome.set!);
    assert.match(await documentText('src/discount.ts'), /export function calculateDiscount\(total: number, pct: number\)/);
    assert.match(await documentText('src/receipt.ts'), /import \{ calculateDiscount \} from '\.\/discount';[\s\S]*calculateDiscount\(subtotal, discountPercent\)/);
  });

  it('Fix Problems: the compiler error TypeScript reports in discount.ts is read, fixed and gone after applying', async () => {
    const uri = fileUri('src/discount.ts');
    await openAt('src/discount.ts', [3, 16, 3, 16]);
    await eventually(async () => vscode.languages.getDiagnostics(uri).some((d) => /Cannot find name 'totl'/.test(d.message)), 'TypeScript to report the error', 45_000);
    const set = proposed(await vscode.commands.executeCommand<EditingResult>('stepFlash.fixProblems'));
    assert.match(JSON.stringify((chatRequests(sim)[0]!.body as { messages: unknown[] }).messages.at(-1)), /Cannot find name 'totl'\. Did you mean 'total'\?/);
    assert.deepStrictEqual(stepTitles(api)[0], 'Read src/discount.ts lines 2–6');
    assert.deepStrictEqual(set.files.map((f) => [f.path, f.status]), [['src/discount.ts', 'modified']]);
    await applyAll(set);
    assert.match(await documentText('src/discount.ts'), /const raw = total \* \(pct \/ 100\);/);
    await eventually(async () => !vscode.languages.getDiagnostics(uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'the error to clear', 45_000);
  });

  it('Generate Tests: a new test file for the project layout, pinned to what the code returns; applied', async () => {
    await openAt('src/cart.ts');
    const set = proposed(await vscode.commands.executeCommand<EditingResult>('stepFlash.generateTests'));
    assert.deepStrictEqual(stepTitles(api).slice(0, 3), ['Read package.json', 'Listed files matching **/*.{test,spec}.{ts,tsx,js,jsx,mjs,cjs}', 'Read src/format.ts']);
    assert.deepStrictEqual(set.files.map((f) => [f.path, f.status]), [['test/cart.test.ts', 'created']]);
    await applyAll(set);
    const written = await documentText('test/cart.test.ts');
    assert.match(written, /import \{ cartTotal, describeCart \} from '\.\.\/src\/cart';/);
    assert.match(written, /assert\.strictEqual\(describeCart\(\[\]\), '0 items, \$0\.00'\);/);
  });

  it('Add Documentation: doc comments above every declaration of cart.ts, code untouched; applied', async () => {
    await openAt('src/cart.ts');
    const set = proposed(await vscode.commands.executeCommand<EditingResult>('stepFlash.addDocumentation'));
    assert.deepStrictEqual(set.files.map((f) => [f.path, f.status]), [['src/cart.ts', 'modified']]);
    await applyAll(set);
    const text = await documentText('src/cart.ts');
    assert.match(text, /\/\*\* A line item\. \*\/\nexport interface LineItem/);
    assert.match(text, /@param items - The line items\.\n \* @returns The cart total\.\n \*\/\nexport function cartTotal/);
    assert.strictEqual(text.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, ''), originals.get('src/cart.ts'));
  });

  it('Screenshot to Code from a file: HTML and CSS in the screenshot’s colours, new files only; applied', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'demo-shot-'));
    try {
      const image = path.join(dir, 'login.png');
      writeFileSync(image, png(400, 300, loginScreen));
      const set = proposed(await vscode.commands.executeCommand<EditingResult>('stepFlash.screenshotToCode', { imagePath: image, note: 'a login form' }));
      assert.deepStrictEqual(stepTitles(api)[0], 'Listed files matching screenshot/**');
      assert.deepStrictEqual(set.files.map((f) => [f.path, f.status]), [
        ['screenshot/index.html', 'created'],
        ['screenshot/styles.css', 'created'],
      ]);
      await applyAll(set);
      assert.match(await documentText('screenshot/index.html'), /<h1>Sign in<\/h1>[\s\S]*<input id="password" name="password" type="password"/);
      assert.match(await documentText('screenshot/styles.css'), /--background: #f5f6f8;\n {2}--accent: #2563eb;/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the chat gets a real answer about attached code, not an echo', async () => {
    await openAt('src/format.ts', [0, 0, 2, 1]);
    const outcome = await vscode.commands.executeCommand('stepFlash.explain');
    assert.ok(outcome);
    const answer = api.chat.current.turns.at(-1)!;
    assert.strictEqual(answer.status, 'done');
    assert.match(answer.text, /`formatPrice\(amount\)` → `string`/);
    assert.ok((answer.reasoning ?? '').length > 40, 'with reasoning');
  });
});
