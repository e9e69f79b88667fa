/**
 * src/vscode holds thin adapters over the VS Code API. A file there that imports nothing from
 * 'vscode' either wires adapters together or is pure logic that belongs in src/core. Each such
 * file is listed below with its reason, so a new one fails this test until it moves to src/core
 * or is listed here with a reason a reviewer can judge.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const WITHOUT_VSCODE: Record<string, string> = {
  'src/vscode/advisor/adviseCommand.ts': "wires `/advise` into the chat controller's turn through the advisor service",
  'src/vscode/advisor/advisorService.ts': "wires the core advisor to settings, the key store and the session cost through the provider service",
  'src/vscode/chat/controller.ts': 'wires a chat turn across the adapters: provider service, chat view, history store and settings',
  'src/vscode/chat/imageIntake.ts': "the chat host's gate on images arriving from the webview, turning them into stored images for the controller",
  'src/vscode/chat/turnStream.ts': 'streams one turn through the provider service to the chat view',
  'src/vscode/chat/turnTypes.ts': 'the types the controller and the commands that start turns share (input, run context, outcome); types only, split from controller.ts',
  'src/vscode/chat/videoUploads.ts': 'uploads attached videos through the provider service and reports progress to the webview',
  'src/vscode/lm/parts.ts': "sorts VS Code's language-model part objects, by the part classes chatProvider.ts hands in from the vscode module, into src/core/lm's plain parts",
  'src/vscode/provider/profile.ts': "maps the settings adapter's snapshot (and STEP_FLASH_BASE_URL_OVERRIDES) to a core profile; apart from providerService.ts so that activation's bundle (the network warm-up) resolves one without the client and its SDK",
  'src/vscode/provider/providerService.ts': 'wires the core provider client to settings, the key store, the log and the status bar',
  'src/vscode/provider/requestLog.ts': 'wraps the client the provider service hands out so that every request reaches the Output log adapter',
  'src/vscode/review/index.ts': "the review adapter's public surface: re-exports only",
  'src/vscode/viewIds.ts': "the contributed views' ids, apart so that activation (src/vscode/shell.ts) registers the views without loading the modules that fill them",
  'src/vscode/webviewHtml.ts': "the chat webview's HTML and CSP, built from the webview's cspSource and resource URIs that chatView.ts passes in, and the chunks its script imports, read from the script's text",
};

/** True when the source imports the vscode module in any form (value, type, require, dynamic import). */
function importsVscode(source: string): boolean {
  return /\bfrom\s+['"]vscode['"]|\brequire\(\s*['"]vscode['"]\s*\)|\bimport\(\s*['"]vscode['"]\s*\)|^\s*import\s+['"]vscode['"]/m.test(source);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

describe('src/vscode layer: files that import nothing from vscode', () => {
  const withoutVscode = sourceFiles('src/vscode')
    .filter((file) => !importsVscode(fs.readFileSync(path.join(ROOT, file), 'utf8')))
    .sort();

  it('recognises every way of importing vscode, and nothing else', () => {
    for (const yes of ["import * as vscode from 'vscode';", "import type { Uri } from 'vscode';", 'import {\n  window,\n} from "vscode";', "const v = require('vscode');", "await import('vscode')", "import 'vscode';"]) {
      assert.ok(importsVscode(yes), yes);
    }
    for (const no of ["import { x } from './vscode';", "import { y } from '../../vscode/review';", "// talks to 'vscode' through the adapters", "const name = 'vscode';"]) {
      assert.ok(!importsVscode(no), no);
    }
  });

  it('lists each one with its reason (pure logic belongs in src/core)', () => {
    const unlisted = withoutVscode.filter((file) => !(file in WITHOUT_VSCODE));
    assert.deepStrictEqual(
      unlisted,
      [],
      `these src/vscode files import nothing from vscode: move pure logic to src/core, or list the file with its reason in ${path.basename(__filename).replace(/\.js$/, '.ts')}`,
    );
  });

  it('keeps the list current: every listed file exists and still imports nothing from vscode', () => {
    const stale = Object.keys(WITHOUT_VSCODE).filter((file) => !withoutVscode.includes(file));
    assert.deepStrictEqual(stale, [], 'remove these entries: the file is gone or now talks to VS Code itself');
  });

  it('gives every listed file a reason', () => {
    const bare = Object.entries(WITHOUT_VSCODE).filter(([, reason]) => reason.trim().split(/\s+/).length < 4);
    assert.deepStrictEqual(bare, []);
  });
});
