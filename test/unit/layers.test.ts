import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Lints `code` as if it were the file at `file`, and returns the rule messages. */
async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules (eslint)', function () {
  this.timeout(60_000);

  it('fails when src/core imports vscode', async () => {
    const messages = await lint('src/core/deliberate.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n");
    assert.strictEqual(messages.length, 1);
    assert.match(messages[0]!, /'vscode' import is restricted.*src\/core and src\/shared must not import vscode/);
  });

  it('fails when src/shared imports vscode', async () => {
    assert.strictEqual((await lint('src/shared/deliberate.ts', "import { window } from 'vscode';\nexport const w = window;\n")).length, 1);
  });

  it('fails when the webview imports host code or Node modules', async () => {
    assert.strictEqual((await lint('webview/deliberate.ts', "import { StepError } from '../src/core/provider';\nexport const e = StepError;\n")).length, 1);
    assert.strictEqual((await lint('webview/deliberate.ts', "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n")).length, 1);
  });

  it('lets the webview import the shared protocol and src/vscode use vscode', async () => {
    assert.deepStrictEqual(await lint('webview/deliberate.ts', "import { parseHostMessage } from '../src/shared/protocol';\nexport const p = parseHostMessage;\n"), []);
    assert.deepStrictEqual(await lint('src/vscode/deliberate.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n"), []);
  });
});
