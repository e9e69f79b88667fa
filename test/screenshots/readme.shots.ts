/**
 * The README's screenshots, in the light and the dark theme: the first run, a streamed
 * answer about a pasted screenshot, a change set under review and Screenshot to Code.
 * Each scene is driven through the extension's own commands and router against the
 * simulator's demo model (test/sim/demo), then the workbench page is photographed
 * (test/integration/workbenchProbe.ts). Nothing is drawn: a scene that does not reach
 * its state fails instead of producing a picture.
 */
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { demoModel } from '../sim/demo';
import type { Simulator } from '../sim/types';
import { loginScreen, png } from '../support/png';
import { activateExtension, openChatView, sendChat } from '../integration/suite/helpers';
import { resetExtension, startHostSim, waitFor } from '../integration/suite/hostSim';
import { fileUri } from '../integration/suite/reviewHelpers';
import { workbench } from '../integration/suite/workbench';
import type { ExtensionApi } from '../../src/extension';
import type { EditingResult } from '../../src/vscode/commands/editingRunner';

const THEMES = [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const;

const out = process.env.STEP_FLASH_SCREENSHOTS_OUT;
const page = workbench();

/** Lets the workbench and the webview finish drawing (fonts, the theme's colours, scrolling). */
const settle = (ms = 1500) => new Promise((resolve) => setTimeout(resolve, ms));

async function shoot(name: string): Promise<void> {
  if (!page || !out) throw new Error('screenshots need the code-server launcher (its workbench probe) and STEP_FLASH_SCREENSHOTS_OUT');
  await settle();
  const file = path.join(out, `${name}.png`);
  await page.screenshot(file);
  assert.ok(statSync(file).size > 10_000, `${file} holds a picture`);
}

async function lastTurnDone(api: ExtensionApi): Promise<void> {
  await waitFor(() => api.chat.current.turns.at(-1)?.status === 'done', 'the answer to finish', 60_000);
}

describe('README screenshots', function () {
  let api: ExtensionApi;
  let sim: Simulator;
  let scratch: string;

  before(async () => {
    if (out) mkdirSync(out, { recursive: true });
    scratch = mkdtempSync(path.join(tmpdir(), 'step-flash-shots-'));
    api = await activateExtension();
    sim = await startHostSim({ fallback: demoModel() });
    // The picture is of the extension: the empty secondary side bar only takes room from it.
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await resetExtension(api);
    await sim.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const [theme, themeName] of THEMES) {
    describe(`${theme} theme`, () => {
      before(async () => {
        await vscode.workspace.getConfiguration('workbench').update('colorTheme', themeName, vscode.ConfigurationTarget.Global);
      });
      beforeEach(async () => {
        for (const set of [...api.review.sets]) set.dispose();
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        sim.reset();
        await resetExtension(api);
      });

      it('first run: no key yet, the chat offers to set one', async () => {
        await openChatView(api);
        await shoot(`first-run-${theme}`);
      });

      it('a streamed answer about a pasted screenshot', async () => {
        await api.provider.keys.set('stepfun-global', 'sk-global-test');
        await vscode.window.showTextDocument(fileUri('src/cart.ts'));
        await openChatView(api);
        const base64 = png(400, 300, loginScreen).toString('base64');
        await sendChat(api, 'This is what the login page looks like now. What would you change first?', {
          attachments: [{ kind: 'image', id: 'shot', name: 'login.png', mime: 'image/png', base64, width: 400, height: 300, detail: 'high' }],
        });
        await lastTurnDone(api);
        await shoot(`chat-image-${theme}`);
      });

      it('a change set under review', async () => {
        await api.provider.keys.set('stepfun-global', 'sk-global-test');
        const editor = await vscode.window.showTextDocument(fileUri('src/cart.ts'));
        editor.selection = new vscode.Selection(8, 0, 14, 1);
        const result = await vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions: 'extract the line total' });
        assert.strictEqual(result?.proposal?.kind, 'proposed', JSON.stringify(result?.proposal));
        const set = api.review.sets.at(-1)!;
        await api.review.openDiff(set, set.files[1]!.path);
        await shoot(`review-${theme}`);
      });

      it('Screenshot to Code', async () => {
        await api.provider.keys.set('stepfun-global', 'sk-global-test');
        const image = path.join(scratch, 'login.png');
        writeFileSync(image, png(400, 300, loginScreen));
        const result = await vscode.commands.executeCommand<EditingResult>('stepFlash.screenshotToCode', { imagePath: image, note: 'a login form' });
        assert.strictEqual(result?.proposal?.kind, 'proposed', JSON.stringify(result?.proposal));
        const set = api.review.sets.at(-1)!;
        await api.review.openDiff(set, set.files[0]!.path);
        await shoot(`screenshot-to-code-${theme}`);
      });
    });
  }
});
