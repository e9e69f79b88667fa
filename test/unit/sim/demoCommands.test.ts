import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { parseSuggestedName, renamePrompt } from '../../../src/core/prompts';
import { applyChanges, demoHarness, diagnostics, fileBlock, loadWorkspace, runCommand, selectionBlock, type DemoHarness, type Workspace } from './demoWorkspace';

const kinds = (run: { changes: Array<{ kind: string; path?: string }> }) => run.changes.map((c) => `${c.kind} ${c.path}`);

/** Runs generated node:test files against the workspace's code, transpiled, in a child Node. */
function runNodeTests(ws: Workspace, testFile: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'demo-tests-'));
  try {
    for (const [file, text] of ws) {
      if (!file.endsWith('.ts')) continue;
      const out = path.join(dir, file.replace(/\.ts$/, '.js'));
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText);
    }
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', path.join(dir, testFile.replace(/\.ts$/, '.js'))], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('simulator: demo model — editing commands through the real client, agent loop, parser and planner', function () {
  this.timeout(20_000);
  let h: DemoHarness;
  let ws: Workspace;
  before(async () => {
    h = await demoHarness();
  });
  after(() => h.close());
  beforeEach(() => {
    ws = loadWorkspace();
  });

  it('the sample workspace really has the compiler error the Fix scenario fixes', () => {
    assert.deepStrictEqual(diagnostics(ws), ["src/discount.ts:4:15 error 2552: Cannot find name 'totl'. Did you mean 'total'?"]);
  });

  it('refactor: searches and reads first, then creates src/pricing.ts and changes cart.ts and receipt.ts; the result compiles', async () => {
    const run = await runCommand(h, ws, { intent: 'refactor', prompt: 'extract the line total', context: [selectionBlock(ws, 'src/cart.ts', 8, 14)] });
    assert.deepStrictEqual(run.agent.steps, ['Searched for “.unitPrice * ” in src/**/*.ts', 'Listed files matching src/**', 'Read src/cart.ts', 'Read src/receipt.ts']);
    assert.ok(run.reasoning.every((r) => r.length > 40), 'every step streams reasoning');
    assert.deepStrictEqual(kinds(run), ['create src/pricing.ts', 'edit src/cart.ts', 'edit src/receipt.ts']);
    assert.deepStrictEqual(run.problems, []);
    const after = applyChanges(ws, run.changes);
    assert.match(after.get('src/pricing.ts')!, /^import type \{ LineItem \} from '\.\/cart';\n\n\/\*\* .+ \*\/\nexport function lineItemTotal\(item: LineItem\): number \{\n {2}return item\.unitPrice \* item\.quantity;\n\}\n$/);
    assert.match(after.get('src/cart.ts')!, /import \{ lineItemTotal \} from '\.\/pricing';[\s\S]*total \+= lineItemTotal\(item\);/);
    assert.strictEqual(after.get('src/receipt.ts')!.match(/lineItemTotal\(item\)/g)?.length, 2);
    const inline = [...after].filter(([f, t]) => f.startsWith('src/') && f !== 'src/pricing.ts' && t.includes('.unitPrice * '));
    assert.deepStrictEqual(inline, [], 'no inline copy is left in the project');
    assert.deepStrictEqual(diagnostics(after), diagnostics(ws), 'the refactor adds no compiler error');
    assert.match(run.agent.text, /src\/pricing\.ts[\s\S]*src\/cart\.ts[\s\S]*src\/receipt\.ts/);
  });

  it('refactor on an already refactored workspace answers in prose and proposes nothing', async () => {
    const first = await runCommand(h, ws, { intent: 'refactor', prompt: 'extract the line total', context: [fileBlock(ws, 'src/cart.ts')] });
    const done = applyChanges(ws, first.changes);
    const again = await runCommand(h, done, { intent: 'refactor', prompt: 'extract the line total', context: [fileBlock(done, 'src/cart.ts')] });
    assert.deepStrictEqual(again.changes, []);
    assert.match(again.agent.text, /no repeated computation/);
  });

  it('refactor with no read steps left still works from the file it was given', async () => {
    const run = await runCommand(h, ws, { intent: 'refactor', prompt: 'extract the line total', context: [fileBlock(ws, 'src/cart.ts')], maxSteps: 0 });
    assert.deepStrictEqual(run.agent.steps, []);
    assert.deepStrictEqual(kinds(run), ['create src/pricing.ts', 'edit src/cart.ts']);
    applyChanges(ws, run.changes);
  });

  it('rename: suggests a spelled-out name the product accepts, keeping the naming convention', async () => {
    const source = ws.get('src/discount.ts')!;
    const result = await h.client.streamChat({
      messages: [
        { role: 'system', content: 'You are Step Flash, a coding assistant. Reply with a single identifier.' },
        { role: 'user', content: renamePrompt('calcDisc', 'typescript', source) },
      ],
    });
    assert.strictEqual(parseSuggestedName(result.answerText), 'calculateDiscount');
    assert.match(result.reasoning, /abbreviates/);
    const noun = await h.client.streamChat({ messages: [{ role: 'user', content: renamePrompt('cartTotal', 'typescript', ws.get('src/cart.ts')!) }] });
    assert.strictEqual(parseSuggestedName(noun.answerText), 'computeCartTotal', 'a noun-named function gets a verb');
  });

  it('rename by edits (no rename provider): searches, reads, and renames the identifier in every code file only', async () => {
    const run = await runCommand(h, ws, { intent: 'rename', prompt: 'Rename the symbol `calcDisc` to `calculateDiscount` everywhere it is used in the workspace, changing nothing else.' });
    assert.deepStrictEqual(run.agent.steps, ['Searched for “calcDisc”', 'Read src/discount.ts', 'Read src/receipt.ts']);
    assert.deepStrictEqual(kinds(run), ['edit src/discount.ts', 'edit src/receipt.ts']);
    const after = applyChanges(ws, run.changes);
    assert.match(after.get('src/discount.ts')!, /export function calculateDiscount\(total: number, pct: number\)/);
    assert.match(after.get('src/receipt.ts')!, /import \{ calculateDiscount \} from '\.\/discount';[\s\S]*calculateDiscount\(subtotal, discountPercent\)/);
    assert.strictEqual(after.get('README.md'), ws.get('README.md'), 'prose mentioning the name is left alone');
  });

  it('fix: reads around the diagnostic TypeScript reports, then fixes it with the one-word change; no error remains', async () => {
    const problems = diagnostics(ws, 'src/discount.ts');
    const run = await runCommand(h, ws, { intent: 'fix', prompt: `Fix these problems:\n${problems.join('\n')}`, context: [fileBlock(ws, 'src/discount.ts')] });
    assert.deepStrictEqual(run.agent.steps, ['Read src/discount.ts lines 2–6']);
    assert.deepStrictEqual(run.changes, [{ kind: 'edit', path: 'src/discount.ts', edits: [{ search: '  const raw = totl * (pct / 100);\n', replace: '  const raw = total * (pct / 100);\n' }] }]);
    assert.deepStrictEqual(diagnostics(applyChanges(ws, run.changes)), []);
  });

  it('fix: an import a file needs is added from the file that exports it; a problem already fixed is reported, not re-fixed', async () => {
    ws.set('src/total.ts', "export function grandTotal(n: number): number {\n  return formatPrice(n).length + n;\n}\n");
    const problems = diagnostics(ws, 'src/total.ts');
    assert.deepStrictEqual(problems, ["src/total.ts:2:10 error 2304: Cannot find name 'formatPrice'."]);
    const run = await runCommand(h, ws, { intent: 'fix', prompt: `Fix these problems:\n${problems.join('\n')}`, context: [fileBlock(ws, 'src/total.ts')] });
    assert.deepStrictEqual(run.agent.steps, ['Read src/total.ts lines 1–4', 'Searched for “formatPrice”']);
    const fixed = applyChanges(ws, run.changes);
    assert.match(fixed.get('src/total.ts')!, /^import \{ formatPrice \} from '\.\/format';\nexport function grandTotal/);
    assert.deepStrictEqual(diagnostics(fixed, 'src/total.ts'), []);

    const edited = new Map(ws).set('src/discount.ts', ws.get('src/discount.ts')!.replace('totl', 'total'));
    const stale = await runCommand(h, edited, { intent: 'fix', prompt: `Fix these problems:\n${diagnostics(ws, 'src/discount.ts').join('\n')}`, context: [fileBlock(edited, 'src/discount.ts')] });
    assert.deepStrictEqual(stale.changes, []);
    assert.match(stale.agent.text, /looks fixed already/);
  });

  it('fix: an unused import is removed, the whole line or just the name', async () => {
    ws.set('src/receipt.ts', ws.get('src/receipt.ts')!.replace("import { formatPrice } from './format';", "import { formatPrice, formatPrice as money } from './format';"));
    const problems = ["src/receipt.ts:2:10 warning 6133: 'calcDisc' is declared but its value is never read.", "src/receipt.ts:3:23 warning 6133: 'money' is declared but its value is never read."];
    const run = await runCommand(h, ws, { intent: 'fix', prompt: `Fix these problems:\n${problems.join('\n')}`, context: [fileBlock(ws, 'src/receipt.ts')] });
    const after = applyChanges(ws, run.changes).get('src/receipt.ts')!;
    assert.match(after, /^import type \{ LineItem \} from '\.\/cart';\nimport \{ formatPrice \} from '\.\/format';\n\nexport function/);
    assert.match(run.agent.text, /removed the unused import `calcDisc`[\s\S]*removed the unused import `money`/);
  });

  it('tests: finds the framework and test folder, reads the imports, writes a new test file whose tests pass against the code', async () => {
    const run = await runCommand(h, ws, { intent: 'tests', prompt: 'Write tests for this code.', context: [fileBlock(ws, 'src/cart.ts')] });
    assert.deepStrictEqual(run.agent.steps, ['Read package.json', 'Listed files matching **/*.{test,spec}.{ts,tsx,js,jsx,mjs,cjs}', 'Read src/format.ts']);
    assert.deepStrictEqual(kinds(run), ['create test/cart.test.ts']);
    const after = applyChanges(ws, run.changes);
    const file = after.get('test/cart.test.ts')!;
    assert.match(file, /^import \{ describe, it \} from 'node:test';\nimport \{ strict as assert \} from 'node:assert';\nimport \{ cartTotal, describeCart \} from '\.\.\/src\/cart';/);
    assert.match(file, /assert\.strictEqual\(describeCart\(\[\]\), '0 items, \$0\.00'\);/);
    const result = runNodeTests(after, 'test/cart.test.ts');
    assert.strictEqual(result.status, 0, result.output);
    assert.match(result.output, /# pass 4/);
  });

  it('tests: follows the framework package.json names (vitest) and the folder existing tests use', async () => {
    ws.set('package.json', JSON.stringify({ name: 'x', devDependencies: { vitest: '^2.0.0' } }));
    ws.set('spec/format.spec.ts', "import { it } from 'vitest';\nit('x', () => {});\n");
    const run = await runCommand(h, ws, { intent: 'tests', prompt: 'Write tests for this code.', context: [selectionBlock(ws, 'src/format.ts', 0, 2)] });
    assert.deepStrictEqual(kinds(run), ['create spec/format.2.spec.ts'], 'the existing spec/format.spec.ts is not overwritten');
    const file = applyChanges(ws, run.changes).get('spec/format.2.spec.ts')!;
    assert.match(file, /^import \{ describe, expect, it \} from 'vitest';\nimport \{ formatPrice \} from '\.\.\/src\/format';/);
    assert.match(file, /expect\(formatPrice\(19\.99\)\)\.toBe\('\$19\.99'\);/);
  });

  it('documentation: TSDoc for every undocumented declaration and field, nothing else changed', async () => {
    const run = await runCommand(h, ws, { intent: 'documentation', prompt: 'Add documentation comments to this code.', context: [fileBlock(ws, 'src/cart.ts')] });
    assert.deepStrictEqual(run.agent.steps, [], 'the whole file came with the request');
    const after = applyChanges(ws, run.changes).get('src/cart.ts')!;
    assert.match(after, /\/\*\*\n \* Computes the cart total\. Adds up a value for each entry of `items`\.\n \*\n \* @param items - The line items\.\n \* @returns The cart total\.\n \*\/\nexport function cartTotal/);
    assert.match(after, /\/\*\* A line item\. \*\/\nexport interface LineItem \{\n {2}\/\*\* The name of a line item\. \*\/\n {2}name: string;/);
    assert.match(after, /@returns A description of the cart\.\n \*\/\nexport function describeCart/);
    const code = (t: string) => t.replace(/\/\*\*[\s\S]*?\*\/\n/g, '').replace(/^\s+/gm, '');
    assert.strictEqual(code(after), code(ws.get('src/cart.ts')!), 'only comments were added');
    const documented = ts.createSourceFile('cart.ts', after, ts.ScriptTarget.Latest, true).statements.filter((s) => ts.getJSDocCommentsAndTags(s).length > 0);
    assert.strictEqual(documented.length, 3);
    const again = await runCommand(h, applyChanges(ws, run.changes), { intent: 'documentation', prompt: 'Add documentation comments to this code.', context: [fileBlock(applyChanges(ws, run.changes), 'src/cart.ts')] });
    assert.deepStrictEqual(again.changes, []);
    assert.match(again.agent.text, /already documented/);
  });

  it('documentation of a selection reads the whole file and documents only what the selection covers', async () => {
    const run = await runCommand(h, ws, { intent: 'documentation', prompt: 'Add documentation comments to this code.', context: [selectionBlock(ws, 'src/cart.ts', 16, 18)] });
    assert.deepStrictEqual(run.agent.steps, ['Read src/cart.ts']);
    const after = applyChanges(ws, run.changes).get('src/cart.ts')!;
    assert.strictEqual(after.match(/\/\*\*/g)?.length, 1);
    assert.match(after, /\*\/\nexport function describeCart/);
    const inside = await runCommand(h, ws, { intent: 'documentation', prompt: 'Add documentation comments to this code.', context: [selectionBlock(ws, 'src/cart.ts', 10, 11)] });
    const documented = applyChanges(ws, inside.changes).get('src/cart.ts')!;
    assert.strictEqual(documented.match(/\/\*\*/g)?.length, 1, 'a selection inside a function documents that function');
    assert.match(documented, /\*\/\nexport function cartTotal/);
  });
});
